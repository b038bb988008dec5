using Kap.Domain.Dosing;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Portal;

/// <summary>One thing the patient should do (or know) for an appointment, with a short heading for a phone screen.</summary>
public sealed record Instruction(string Heading, string Text);

/// <summary>
/// What a patient is told before and after each kind of appointment (domain.md §8). Dosing: the fasting window of
/// the course's route (the same rule the NP confirms at the bedside), a driver/escort, no alcohol 24 h before and
/// after, the prescriber's medication instructions, what to bring; afterwards no driving until the next day after
/// sleep, no alcohol or recreational drugs for 24 h, no opioids or benzodiazepines for 4 h [C: NERV].
/// </summary>
public static class PatientInstructions
{
    public const string DefaultMedicationText =
        "Take your usual medications unless your prescriber has told you otherwise, and tell us about any change since your last visit.";

    public static IReadOnlyList<Instruction> Before(AppointmentKind kind, Route? route, string? medicationInstructions) => kind switch
    {
        AppointmentKind.Dosing =>
        [
            new("Fasting", FastingText(route is { } r ? FastingRule.For(r) : FastingRule.Standard)),
            new("Someone to take you home", "Arrange for your support person to bring you and take you home. You must not drive until the next day, after a night's sleep."),
            new("No alcohol", "No alcohol for 24 hours before your session and 24 hours after it."),
            new("Medications", string.IsNullOrWhiteSpace(medicationInstructions) ? DefaultMedicationText : medicationInstructions.Trim()),
            new("What to bring", "Comfortable clothes, and anything that helps you relax: an eye mask, headphones, a blanket. Leave the rest of the day free."),
        ],
        AppointmentKind.Preparation =>
        [
            new("Your intentions", "Think about what you hope the treatment will help with; we will shape your intentions together."),
        ],
        AppointmentKind.Integration =>
        [
            new("Bring what came up", "Bring any notes, drawings or journal entries from your dosing session; there is no right or wrong way to have felt."),
        ],
        AppointmentKind.MedicalClearance =>
        [
            new("Your medications", "Bring a list of every medication and supplement you take, with the doses."),
        ],
        AppointmentKind.Consultation =>
        [
            new("Your history", "Bring a list of your medications and of the treatments you have tried."),
        ],
        AppointmentKind.FollowUp =>
        [
            new("Questionnaires", "Fill in any questionnaires the portal asks for before you come."),
        ],
        _ => [],
    };

    public static IReadOnlyList<Instruction> After(AppointmentKind kind) => kind == AppointmentKind.Dosing
        ?
        [
            new("Getting home", "Your support person takes you home. No driving, cycling or operating machinery until the next day, after a night's sleep."),
            new("The next 24 hours", "No alcohol or recreational drugs for 24 hours, and no opioids or benzodiazepines for 4 hours unless your prescriber says otherwise."),
            new("The next day", "Fill in the short next-day check-in in the portal: how you slept, your mood, any side effects."),
        ]
        : [];

    private static string FastingText(FastingRule rule) =>
        $"Nothing to eat for {Span(rule.NoFoodFor)} before your session. Clear liquids (water, black coffee or tea) are fine until {Span(rule.NoClearLiquidsFor)} before, then nothing to drink.";

    private static string Span(TimeSpan span) =>
        span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} hour{(span.TotalHours == 1 ? "" : "s")}" : $"{span.TotalMinutes:0} minutes";
}
