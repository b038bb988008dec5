using System.ComponentModel.DataAnnotations;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;

namespace Kap.Application.Common.Options;

/// <summary>appsettings "Scheduling": appointment lengths and booking rules.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    [Range(5, 600)] public int ConsultationMinutes { get; set; } = 60;
    [Range(5, 600)] public int PreparationMinutes { get; set; } = 60;
    [Range(5, 600)] public int MedicalClearanceMinutes { get; set; } = 45;

    /// <summary>A 40-minute infusion plus monitoring until discharge.</summary>
    [Range(5, 600)] public int DosingMinutes { get; set; } = 120;

    [Range(5, 600)] public int IntegrationMinutes { get; set; } = 60;
    [Range(5, 600)] public int FollowUpMinutes { get; set; } = 30;

    /// <summary>domain.md §3: default 48 h between dosing sessions.</summary>
    [Range(0, 24 * 14)] public int MinimumDosingIntervalHours { get; set; } = 48;

    /// <summary>Whether a dosing session also needs the course's therapist in the room (clinics differ).</summary>
    public bool DosingNeedsTherapist { get; set; }

    public int LengthMinutes(AppointmentKind kind) => kind switch
    {
        AppointmentKind.Consultation => ConsultationMinutes,
        AppointmentKind.Preparation => PreparationMinutes,
        AppointmentKind.MedicalClearance => MedicalClearanceMinutes,
        AppointmentKind.Dosing => DosingMinutes,
        AppointmentKind.Integration => IntegrationMinutes,
        _ => FollowUpMinutes,
    };
}

/// <summary>appsettings "Reminders": every offset of domain.md §8 is a setting.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    [Range(1, 24 * 14)] public int DosingPreparationHoursBefore { get; set; } = 72;
    [Range(1, 24 * 14)] public int DosingChecklistHoursBefore { get; set; } = 24;
    [Range(1, 24 * 14)] public int DosingSoonHoursBefore { get; set; } = 2;
    [Range(1, 24 * 14)] public int OtherAppointmentHoursBefore { get; set; } = 24;
    [Range(1, 24 * 14)] public int NextDayCheckInHoursAfter { get; set; } = 24;
    [Range(1, 24 * 14)] public int IntegrationBookedWithinHours { get; set; } = 72;
    /// <summary>
    /// Months after a completed course for follow-up measures; empty means the default 1 and 3. (The
    /// configuration binder appends to an initialised array, so the default cannot live in the initialiser.)
    /// </summary>
    public int[] FollowUpMonthsAfterCourse { get; set; } = [];
    public string QuietHoursStart { get; set; } = "21:00";
    public string QuietHoursEnd { get; set; } = "08:00";
    [Range(1, 20)] public int MaxAttempts { get; set; } = 5;
    [Range(1, 1440)] public int RetryAfterMinutes { get; set; } = 10;
    [Range(1, 1000)] public int DispatchBatchSize { get; set; } = 100;

    /// <summary>Fasting before dosing (domain.md §4, ASA): no food for this many hours.</summary>
    [Range(0, 24)] public int FastingNoFoodHours { get; set; } = 6;

    /// <summary>Clear liquids are fine until this many hours before.</summary>
    [Range(0, 24)] public int FastingClearLiquidsHours { get; set; } = 2;

    public ReminderSettings ToSettings() => new()
    {
        DosingPreparationHoursBefore = DosingPreparationHoursBefore,
        DosingChecklistHoursBefore = DosingChecklistHoursBefore,
        DosingSoonHoursBefore = DosingSoonHoursBefore,
        OtherAppointmentHoursBefore = OtherAppointmentHoursBefore,
        NextDayCheckInHoursAfter = NextDayCheckInHoursAfter,
        IntegrationBookedWithinHours = IntegrationBookedWithinHours,
        FollowUpMonthsAfterCourse = FollowUpMonthsAfterCourse.Length == 0 ? [1, 3] : FollowUpMonthsAfterCourse,
        QuietHoursStart = TimeOnly.Parse(QuietHoursStart, System.Globalization.CultureInfo.InvariantCulture),
        QuietHoursEnd = TimeOnly.Parse(QuietHoursEnd, System.Globalization.CultureInfo.InvariantCulture),
    };
}
