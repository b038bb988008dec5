using System.Security.Cryptography;
using System.Text;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Patients;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Patients.RegisterPatient;

/// <summary>Registers a patient and creates their Patient login, which they activate from an invitation link.</summary>
[RequiresPolicy(KapPolicies.ManagesCourses)]
public sealed record RegisterPatientCommand(
    string LegalName,
    string? PreferredName,
    DateOnly? DateOfBirth,
    string Email,
    string? Mobile,
    ReminderChannel ReminderChannel,
    string TimeZone,
    string SupportPersonName,
    string SupportPersonRelationship,
    string SupportPersonPhone,
    string? SupportPersonEmail) : ICommand<Result<Guid>>, IPatientDetails;

public sealed class RegisterPatientHandler(
    IOperationContext context,
    TimeProvider clock,
    ILookupNormalizer normalizer,
    IInvitationSender invitations,
    IAppLinks links,
    IOptions<ClinicOptions> clinic) : ICommandHandler<RegisterPatientCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RegisterPatientCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var email = command.Email.Trim();
        var normalizedEmail = normalizer.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail || u.NormalizedUserName == normalizedEmail, cancellationToken))
        {
            return Error.Field(nameof(command.Email), "Someone with this email address already has a Kap login.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var patient = new Patient(command.LegalName, command.PreferredName, command.DateOfBirth!.Value, email, command.Mobile,
            command.ReminderChannel, command.TimeZone, command.ToSupportPerson(), op.User.RequiredId, now);

        var roleId = await db.Roles.Where(r => r.NormalizedName == normalizer.NormalizeName(KapRoles.Patient)).Select(r => r.Id).SingleAsync(cancellationToken);
        var user = new KapUser
        {
            UserName = email,
            NormalizedUserName = normalizer.NormalizeName(email),
            Email = email,
            NormalizedEmail = normalizedEmail,
            DisplayName = patient.DisplayName,
            PatientId = patient.Id,
            LockoutEnabled = true,
        };
        patient.UserId = user.Id;
        db.Patients.Add(patient);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });

        var token = InvitationTokens.NewToken();
        db.Invitations.Add(new Invitation
        {
            UserId = user.Id,
            TokenHash = InvitationTokens.Hash(token),
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(clinic.Value.InvitationValidityDays),
        });
        await db.SaveChangesAsync(cancellationToken);

        op.Subject(nameof(Patient), patient.Id, patient.Id);
        var link = links.Invitation(token);
        op.AfterCommit(ct => invitations.SendAsync(email, patient.DisplayName, link, ct));
        return patient.Id;
    }
}

public static class InvitationTokens
{
    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
