using Kap.Domain.Common;

namespace Kap.Domain.Patients;

public sealed class Patient : Entity, IVersioned
{
    private Patient()
    {
    }

    public Patient(string legalName, string? preferredName, DateOnly dateOfBirth, string email, string? mobile,
        ReminderChannel reminderChannel, string timeZone, SupportPerson supportPerson, Guid registeredBy, DateTime registeredAtUtc)
    {
        LegalName = legalName.Trim();
        PreferredName = string.IsNullOrWhiteSpace(preferredName) ? null : preferredName.Trim();
        DateOfBirth = dateOfBirth;
        Email = email.Trim();
        Mobile = string.IsNullOrWhiteSpace(mobile) ? null : mobile.Trim();
        ReminderChannel = reminderChannel;
        TimeZone = timeZone;
        SupportPerson = supportPerson;
        RegisteredBy = registeredBy;
        RegisteredAtUtc = registeredAtUtc;
    }

    public string LegalName { get; private set; } = "";
    public string? PreferredName { get; private set; }
    public DateOnly DateOfBirth { get; private set; }
    public string Email { get; private set; } = "";
    public string? Mobile { get; private set; }
    public ReminderChannel ReminderChannel { get; private set; }

    /// <summary>IANA time zone the patient sees their appointments in.</summary>
    public string TimeZone { get; private set; } = "UTC";

    public SupportPerson SupportPerson { get; private set; } = new();

    /// <summary>The patient's own quiet hours (local time), overriding the clinic's; null for the clinic's.</summary>
    public TimeOnly? QuietHoursStart { get; private set; }

    public TimeOnly? QuietHoursEnd { get; private set; }

    /// <summary>The Identity user this patient signs in as.</summary>
    public Guid? UserId { get; set; }

    public Guid RegisteredBy { get; private set; }
    public DateTime RegisteredAtUtc { get; private set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The name to greet the patient by.</summary>
    public string DisplayName => PreferredName ?? LegalName;

    public void UpdateDetails(string legalName, string? preferredName, DateOnly dateOfBirth, string? mobile,
        ReminderChannel reminderChannel, string timeZone, SupportPerson supportPerson)
    {
        LegalName = legalName.Trim();
        PreferredName = string.IsNullOrWhiteSpace(preferredName) ? null : preferredName.Trim();
        DateOfBirth = dateOfBirth;
        Mobile = string.IsNullOrWhiteSpace(mobile) ? null : mobile.Trim();
        ReminderChannel = reminderChannel;
        TimeZone = timeZone;
        SupportPerson = supportPerson;
    }

    /// <summary>What the patient chooses in the portal: how reminders reach them, when not to, and their time zone.</summary>
    public void SetReminderPreferences(ReminderChannel channel, TimeOnly? quietStart, TimeOnly? quietEnd, string timeZone)
    {
        ReminderChannel = channel;
        QuietHoursStart = quietStart is not null && quietEnd is not null ? quietStart : null;
        QuietHoursEnd = quietStart is not null && quietEnd is not null ? quietEnd : null;
        TimeZone = timeZone;
    }

    public static int AgeOn(DateOnly dateOfBirth, DateOnly today)
    {
        var age = today.Year - dateOfBirth.Year;
        if (dateOfBirth > today.AddYears(-age))
        {
            age--;
        }

        return age;
    }
}
