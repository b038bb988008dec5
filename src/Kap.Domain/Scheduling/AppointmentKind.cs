namespace Kap.Domain.Scheduling;

/// <summary>What a session of a course is. Stored as numbers: never renumber.</summary>
public enum AppointmentKind
{
    Consultation = 0,
    Preparation = 1,
    MedicalClearance = 2,
    Dosing = 3,
    Integration = 4,
    FollowUp = 5,
}

public enum AppointmentStatus
{
    Booked = 0,
    Attended = 1,
    NoShow = 2,
    Cancelled = 3,
}

public static class AppointmentKindNames
{
    public static string Describe(this AppointmentKind kind) => kind switch
    {
        AppointmentKind.MedicalClearance => "Medical clearance",
        AppointmentKind.FollowUp => "Follow-up",
        _ => kind.ToString(),
    };

    /// <summary>Who must be there: a dosing session needs the prescribing NP (and the therapist where the clinic works that way).</summary>
    public static bool NeedsPrescriber(this AppointmentKind kind) => kind is AppointmentKind.Dosing or AppointmentKind.MedicalClearance;
}
