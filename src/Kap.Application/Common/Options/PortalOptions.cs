using System.ComponentModel.DataAnnotations;

namespace Kap.Application.Common.Options;

/// <summary>appsettings "Portal": what the patient portal shows and how long an idle patient stays signed in.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Patients see their own PHQ-9 and GAD-7 over time (a clinic may turn this off).</summary>
    public bool ShowScoresToPatients { get; set; } = true;

    /// <summary>A patient's session ends after this many minutes without activity (the Blazor circuit and the cookie).</summary>
    [Range(5, 240)]
    public int PatientIdleMinutes { get; set; } = 30;

    /// <summary>
    /// The next-day check-in stays open this many hours after discharge (it opens at the start of the patient's next local
    /// day); by then the integration session, booked within 72 h, takes over.
    /// </summary>
    [Range(36, 96)]
    public int NextDayCheckInClosesAfterHours { get; set; } = Kap.Domain.Measures.NextDayCheckInRules.DefaultClosesAfterHours;

    /// <summary>
    /// Offer the C-SSRS screener in the portal in the 24 h before a booked dosing session (it then counts for the pre-dose
    /// gate like one taken at the bedside). Off by default: the pre-dose screen is asked by a clinician at the bedside.
    /// </summary>
    public bool PreDoseCssrsInPortal { get; set; }
}
