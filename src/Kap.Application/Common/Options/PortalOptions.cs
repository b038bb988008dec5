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
}
