using Kap.Application.Features.Patients.GetPatient;
using Kap.Application.Features.Patients.RegisterPatient;
using Kap.Application.Features.Patients.UpdatePatient;
using Kap.Domain.Patients;

namespace Kap.Web.Components.Pages.Patients;

/// <summary>What the patient form edits; turned into a command on submit.</summary>
public sealed class PatientFormModel
{
    public string LegalName { get; set; } = "";
    public string? PreferredName { get; set; }
    public DateTime? DateOfBirth { get; set; }
    public string Email { get; set; } = "";
    public string? Mobile { get; set; }
    public ReminderChannel ReminderChannel { get; set; } = ReminderChannel.Email;
    public string TimeZone { get; set; } = "";
    public string SupportPersonName { get; set; } = "";
    public string SupportPersonRelationship { get; set; } = "";
    public string SupportPersonPhone { get; set; } = "";
    public string? SupportPersonEmail { get; set; }

    public Guid? PatientId { get; set; }
    public Guid Version { get; set; }

    private DateOnly? Dob => DateOfBirth is { } d ? DateOnly.FromDateTime(d) : null;

    public RegisterPatientCommand ToRegisterCommand() => new(LegalName ?? "", PreferredName, Dob, Email ?? "", Mobile, ReminderChannel, TimeZone ?? "",
        SupportPersonName ?? "", SupportPersonRelationship ?? "", SupportPersonPhone ?? "", SupportPersonEmail);

    public UpdatePatientCommand ToUpdateCommand() => new(PatientId ?? Guid.Empty, Version, LegalName ?? "", PreferredName, Dob, Mobile, ReminderChannel,
        TimeZone ?? "", SupportPersonName ?? "", SupportPersonRelationship ?? "", SupportPersonPhone ?? "", SupportPersonEmail);

    public static PatientFormModel From(PatientDto p) => new()
    {
        PatientId = p.Id,
        Version = p.Version,
        LegalName = p.LegalName,
        PreferredName = p.PreferredName,
        DateOfBirth = p.DateOfBirth.ToDateTime(TimeOnly.MinValue),
        Email = p.Email,
        Mobile = p.Mobile,
        ReminderChannel = p.ReminderChannel,
        TimeZone = p.TimeZone,
        SupportPersonName = p.SupportPersonName,
        SupportPersonRelationship = p.SupportPersonRelationship,
        SupportPersonPhone = p.SupportPersonPhone,
        SupportPersonEmail = p.SupportPersonEmail,
    };

    public static IReadOnlyList<string> CommonTimeZones { get; } =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
        "Pacific/Honolulu", "America/Puerto_Rico", "America/Toronto", "America/Vancouver", "Europe/London", "Europe/Dublin",
        "Europe/Berlin", "Europe/Paris", "Australia/Sydney", "Pacific/Auckland", "UTC",
    ];
}
