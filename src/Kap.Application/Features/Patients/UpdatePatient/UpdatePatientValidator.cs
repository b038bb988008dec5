using FluentValidation;
using Kap.Application.Common.Options;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Patients.UpdatePatient;

public sealed class UpdatePatientValidator : AbstractValidator<UpdatePatientCommand>
{
    public UpdatePatientValidator(TimeProvider clock, IOptions<ClinicOptions> clinic)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.PatientId).NotEmpty();
        this.AddPatientDetailsRules(clock, clinic);
    }
}
