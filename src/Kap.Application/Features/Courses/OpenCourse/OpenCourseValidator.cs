using FluentValidation;
using Kap.Domain.Courses;

namespace Kap.Application.Features.Courses.OpenCourse;

public sealed class OpenCourseValidator : AbstractValidator<OpenCourseCommand>
{
    public OpenCourseValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(x => x.PrimaryTherapistId).NotEmpty().WithMessage("Choose the primary therapist.");
        RuleFor(x => x.PrescriberId).NotEmpty().WithMessage("Choose the prescribing nurse practitioner.");
        RuleFor(x => x.Indications).NotEqual(Indication.None).WithMessage("Choose at least one indication.")
            .Must(i => (i & ~(Indication)127) == 0).WithMessage("Choose indications from the list.");
        RuleFor(x => x.PreparationSessions).InclusiveBetween(1, CoursePlan.MaxSessionsOfAKind)
            .WithMessage($"Plan at least 1 and at most {CoursePlan.MaxSessionsOfAKind} preparation sessions.");
        RuleFor(x => x.DosingSessions).InclusiveBetween(1, CoursePlan.MaxSessionsOfAKind)
            .WithMessage($"Plan at least 1 and at most {CoursePlan.MaxSessionsOfAKind} dosing sessions.");
        RuleFor(x => x.IntegrationSessionsPerDose).InclusiveBetween(1, 5)
            .WithMessage("Plan between 1 and 5 integration sessions after each dosing session.");
        RuleFor(x => x.IntegrationSessionsAfterSeries).InclusiveBetween(1, CoursePlan.MaxSessionsOfAKind)
            .WithMessage($"Plan at least 1 and at most {CoursePlan.MaxSessionsOfAKind} integration sessions after the series.");
    }
}
