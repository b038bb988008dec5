using System.ComponentModel.DataAnnotations;

namespace Kap.Application.Common.Options;

/// <summary>Clinic settings (appsettings "Clinic"), validated at start-up.</summary>
public sealed class ClinicOptions
{
    public const string Section = "Clinic";

    [Required]
    public string Name { get; set; } = "Kap Clinic";

    /// <summary>IANA time zone id in which staff screens show times.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/New_York";

    /// <summary>Patients younger than this cannot be registered.</summary>
    [Range(0, 120)]
    public int MinimumPatientAge { get; set; } = 18;

    [Range(1, 90)]
    public int InvitationValidityDays { get; set; } = 7;

    /// <summary>The clinic's own number for patients who need to talk to someone now.</summary>
    public string CrisisContact { get; set; } = "the clinic's main number";

    /// <summary>A national crisis line shown next to it.</summary>
    public string CrisisLine { get; set; } = "988 (Suicide & Crisis Lifeline, call or text)";

    // A method, not a property: options validation reads every property, and an unknown id must fail validation with its message, not throw.
    public TimeZoneInfo GetTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}

/// <summary>Who sees which patients (appsettings "Access").</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>When true, every therapist sees every patient; otherwise only those whose course they are on.</summary>
    public bool TherapistsSeeAllPatients { get; set; }
}
