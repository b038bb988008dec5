using FluentValidation;
using Kap.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Patients.RegisterPatient;

public sealed class RegisterPatientValidator : AbstractValidator<RegisterPatientCommand>
{
    public RegisterPatientValidator(TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        this.AddPatientDetailsRules(clock, clinic);
        RuleFor(x => x.Email)
            .NotEmpty().WithMessage("Enter the patient's email address: it is their sign-in.")
            .EmailAddress().WithMessage("Enter a valid email address, like name@example.com.")
            .MaximumLength(256);
    }
}
