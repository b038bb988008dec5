using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Patients;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Patients.GetPatient;

[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetPatientQuery(Guid PatientId) : IQuery<Result<PatientDto>>, IReadsHealthInformation;

public sealed record PatientDto(
    Guid Id,
    Guid Version,
    string LegalName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string Email,
    string? Mobile,
    ReminderChannel ReminderChannel,
    string TimeZone,
    string SupportPersonName,
    string SupportPersonRelationship,
    string SupportPersonPhone,
    string? SupportPersonEmail,
    DateTime RegisteredAtUtc,
    IReadOnlyList<PatientCourseDto> Courses)
{
    public string DisplayName => PreferredName is null ? LegalName : $"{PreferredName} ({LegalName})";

    public bool HasActiveCourse => Courses.Any(c => !CourseStateMachine.IsClosed(c.Phase));
}

public sealed record PatientCourseDto(Guid Id, CoursePhase Phase, DateTime OpenedAtUtc, string TherapistName, string PrescriberName);

public sealed class GetPatientHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetPatientQuery, Result<PatientDto>>
{
    public async ValueTask<Result<PatientDto>> Handle(GetPatientQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(Patient), query.PatientId, query.PatientId);
        var patient = await access.Patients(db.Patients, db, op.User).AsNoTracking()
            .Where(p => p.Id == query.PatientId)
            .Select(p => new
            {
                p.Id, p.Version, p.LegalName, p.PreferredName, p.DateOfBirth, p.Email, p.Mobile, p.ReminderChannel, p.TimeZone,
                p.SupportPerson.Name, p.SupportPerson.Relationship, p.SupportPerson.Phone, SupportEmail = p.SupportPerson.Email, p.RegisteredAtUtc,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return Error.NotFound("The patient");
        }

        var courses = await access.Courses(db, op.User).AsNoTracking()
            .Where(c => c.PatientId == query.PatientId)
            .OrderByDescending(c => c.OpenedAtUtc)
            .Select(c => new PatientCourseDto(c.Id, c.Phase, c.OpenedAtUtc,
                db.Users.Where(u => u.Id == c.PrimaryTherapistId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                db.Users.Where(u => u.Id == c.PrescriberId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);

        return new PatientDto(patient.Id, patient.Version, patient.LegalName, patient.PreferredName, patient.DateOfBirth, patient.Email,
            patient.Mobile, patient.ReminderChannel, patient.TimeZone, patient.Name, patient.Relationship, patient.Phone, patient.SupportEmail,
            patient.RegisteredAtUtc, courses);
    }
}
