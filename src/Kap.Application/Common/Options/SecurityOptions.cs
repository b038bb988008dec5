using System.ComponentModel.DataAnnotations;

namespace Kap.Application.Common.Options;

/// <summary>appsettings "Security": session limits and sign-in rules for staff (patients' idle limit is Portal:PatientIdleMinutes).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>A staff member's session ends after this many minutes without activity (the circuit and the cookie).</summary>
    [Range(5, 120)]
    public int StaffIdleMinutes { get; set; } = 15;

    /// <summary>How long an emergency ("break the glass") access to a course outside one's assignment lasts.</summary>
    [Range(1, 24)]
    public int EmergencyAccessHours { get; set; } = 4;

    /// <summary>
    /// Staff must confirm their sign-in with an authenticator app (TOTP) before they reach anything behind a staff
    /// policy, patient records included. Only Development may relax it; anywhere else Kap refuses to start with it off.
    /// </summary>
    public bool RequireStaffMfa { get; set; } = true;
}
