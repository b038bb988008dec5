using System.Globalization;
using Kap.Application.Common.Options;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Reminders.Common;

/// <summary>What a reminder says. Subjects carry no clinical detail (no diagnoses, no drug names); bodies only what the recipient needs.</summary>
public sealed class ReminderComposer(IOptions<ClinicOptions> clinic, IOptionsMonitor<ReminderOptions> reminders)
{
    public sealed record Facts(string RecipientName, string PatientName, AppointmentKind? Kind, DateTime? StartUtc, string? Location, string? ClinicianName, TimeZoneInfo Zone, Guid? CourseId);

    public (string Subject, string Body) Compose(ReminderKind kind, Facts f)
    {
        var clinicName = clinic.Value.Name;
        var when = f.StartUtc is { } start ? WallClock.ToLocal(start, f.Zone).ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture) : "";
        var where = f.Location is null ? $"at {clinicName}" : $"at {f.Location}";
        var r = reminders.CurrentValue;
        var hello = $"Hello {f.RecipientName},";
        var fasting = $"- Do not eat for {r.FastingNoFoodHours} hours before; clear liquids are fine until {r.FastingClearLiquidsHours} hours before.";
        const string escort = "- Your support person takes you home: you must not drive until the next day, after a night's sleep.";
        const string alcohol = "- No alcohol for 24 hours before and after.";
        const string medications = "- Take your medications as your prescriber told you, and tell us about any change.";
        const string bring = "- Bring comfortable clothes, and anything that helps you relax (eye mask, headphones).";
        var crisis = $"If you have thoughts of harming yourself, call {clinic.Value.CrisisContact} or {clinic.Value.CrisisLine} now.";

        return kind switch
        {
            ReminderKind.DosingPreparation => (
                $"Preparing for your session on {Day(f)}",
                Lines(hello, $"Your session with {clinicName} is on {when}, {where}. Here is how to prepare:", fasting, escort, alcohol, medications, bring)),
            ReminderKind.DosingChecklist => (
                $"Checklist for your session on {Day(f)}",
                Lines(hello, $"Your session is on {when}, {where}. Before you come:", fasting, escort, alcohol, medications,
                    "Reply to the clinic if anything on this list is a problem.")),
            ReminderKind.DosingSoon => (
                "Your session starts soon",
                Lines(hello, $"Your session starts {when}, {where}. Remember: nothing to eat beforehand, and your support person takes you home.")),
            ReminderKind.AppointmentReminder => (
                $"Reminder: your appointment on {Day(f)}",
                Lines(hello, $"This is a reminder of your {f.Kind?.Describe().ToLowerInvariant()} appointment on {when}, {where}" +
                    (f.ClinicianName is null ? "." : $" with {f.ClinicianName}."))),
            ReminderKind.NextDayCheckIn => (
                "How are you today?",
                Lines(hello, "Please fill in your next-day check-in in Kap: how you slept, your mood and any side effects.",
                    "Your care team reads it.", crisis)),
            ReminderKind.IntegrationBookingCheck => (
                "No integration session booked after a dosing session",
                Lines(hello, $"{f.PatientName} had a dosing session on {when}, and no integration session is booked within {r.IntegrationBookedWithinHours} hours of it.",
                    f.CourseId is { } course ? $"Book one from the course page: /courses/{course}" : "")),
            ReminderKind.FollowUpMeasures => (
                "Time for your follow-up questionnaires",
                Lines(hello, "It is time for your follow-up questionnaires. They take about 10 minutes in Kap and help your care team see how you are doing.", crisis)),
            _ => ("A message from " + clinicName, hello),
        };
    }

    private static string Day(Facts f) =>
        f.StartUtc is { } start ? WallClock.ToLocal(start, f.Zone).ToString("d MMMM", CultureInfo.InvariantCulture) : "";

    private static string Lines(params string[] lines) => string.Join("\n", lines.Where(l => l.Length > 0));
}
