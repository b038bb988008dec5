using FluentValidation;
using Kap.Application.Common.Options;
using Kap.Domain.Patients;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Patients;

/// <summary>The fields a clinician enters about a patient, shared by registering and editing.</summary>
public interface IPatientDetails
{
    string LegalName { get; }
    string? PreferredName { get; }
    DateOnly? DateOfBirth { get; }
    string? Mobile { get; }
    ReminderChannel ReminderChannel { get; }
    string TimeZone { get; }
    string SupportPersonName { get; }
    string SupportPersonRelationship { get; }
    string SupportPersonPhone { get; }
    string? SupportPersonEmail { get; }
}

public static class PatientDetailsValidation
{
    public const int MaxNameLength = 200;

    public static void AddPatientDetailsRules<T>(this AbstractValidator<T> validator, TimeProvider clock, IOptions<ClinicOptions> clinic)
        where T : IPatientDetails
    {
        // One message per field: the first rule that fails, so later rules never see a value an earlier one refused.
        validator.RuleLevelCascadeMode = CascadeMode.Stop;
        validator.RuleFor(x => x.LegalName)
            .NotEmpty().WithMessage("Enter the patient's legal name.")
            .MaximumLength(MaxNameLength).WithMessage($"Keep the legal name under {MaxNameLength} characters.");
        validator.RuleFor(x => x.PreferredName)
            .MaximumLength(MaxNameLength).WithMessage($"Keep the preferred name under {MaxNameLength} characters.");
        validator.RuleFor(x => x.DateOfBirth)
            .NotNull().WithMessage("Enter the date of birth.")
            .Must(dob => dob <= Today(clock, clinic)).WithMessage("The date of birth cannot be in the future.")
            .Must(dob => dob > Today(clock, clinic).AddYears(-120)).WithMessage("Check the date of birth: it is more than 120 years ago.")
            .Must(dob => dob > Today(clock, clinic) || Patient.AgeOn(dob!.Value, Today(clock, clinic)) >= clinic.Value.MinimumPatientAge)
            .WithMessage($"The patient must be at least {clinic.Value.MinimumPatientAge} years old.");
        validator.RuleFor(x => x.Mobile)
            .Matches(@"^\+?[0-9 ()\-]{7,20}$").When(x => !string.IsNullOrWhiteSpace(x.Mobile))
            .WithMessage("Enter the mobile number as digits, optionally starting with + (7 to 20 characters).");
        validator.RuleFor(x => x.Mobile)
            .NotEmpty().When(x => x.ReminderChannel == ReminderChannel.Sms)
            .WithMessage("A mobile number is needed for text-message reminders.");
        validator.RuleFor(x => x.ReminderChannel).IsInEnum().WithMessage("Choose how the patient gets reminders.");
        validator.RuleFor(x => x.TimeZone)
            .Must(BeAKnownTimeZone).WithMessage("Choose a time zone from the list.");
        validator.RuleFor(x => x.SupportPersonName)
            .NotEmpty().WithMessage("Enter the support person's name.")
            .MaximumLength(MaxNameLength);
        validator.RuleFor(x => x.SupportPersonRelationship)
            .NotEmpty().WithMessage("Enter how the support person is related to the patient.")
            .MaximumLength(100);
        validator.RuleFor(x => x.SupportPersonPhone)
            .NotEmpty().WithMessage("Enter the support person's phone number.")
            .Matches(@"^\+?[0-9 ()\-]{7,20}$").WithMessage("Enter the phone number as digits, optionally starting with + (7 to 20 characters).");
        validator.RuleFor(x => x.SupportPersonEmail)
            .EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.SupportPersonEmail))
            .WithMessage("Enter a valid email address for the support person, or leave it empty.");
    }

    public static DateOnly Today(TimeProvider clock, IOptions<ClinicOptions> clinic) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clinic.Value.GetTimeZone()).DateTime);

    public static bool BeAKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static SupportPerson ToSupportPerson(this IPatientDetails d) => new()
    {
        Name = d.SupportPersonName.Trim(),
        Relationship = d.SupportPersonRelationship.Trim(),
        Phone = d.SupportPersonPhone.Trim(),
        Email = string.IsNullOrWhiteSpace(d.SupportPersonEmail) ? null : d.SupportPersonEmail.Trim(),
    };
}
