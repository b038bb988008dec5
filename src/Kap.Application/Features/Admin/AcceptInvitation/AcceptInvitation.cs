using FluentValidation;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Patients.RegisterPatient;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Admin.AcceptInvitation;

/// <summary>A new user follows their invitation link and chooses a password.</summary>
[RequiresPolicy(KapPolicies.Anonymous)]
public sealed record AcceptInvitationCommand(string Token, string Password, string ConfirmPassword) : ICommand<Result<string>>
{
    // Never let the password reach a log through the record's generated ToString.
    public override string ToString() => nameof(AcceptInvitationCommand);
}

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitationCommand>
{
    public const int MinimumPasswordLength = 12;

    public AcceptInvitationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Token).NotEmpty().WithMessage("This invitation link is incomplete.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(MinimumPasswordLength).WithMessage($"Use at least {MinimumPasswordLength} characters: a few unrelated words make a strong password.")
            .MaximumLength(256);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The two passwords do not match.");
    }
}

public sealed class AcceptInvitationHandler(IOperationContext context, TimeProvider clock, IPasswordHasher<KapUser> hasher)
    : ICommandHandler<AcceptInvitationCommand, Result<string>>
{
    public async ValueTask<Result<string>> Handle(AcceptInvitationCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = InvitationTokens.Hash(command.Token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.UsedAtUtc is not null || invitation.ExpiresAtUtc <= now)
        {
            return Error.Rule("This invitation link has expired or was already used. Ask the clinic to send a new one.");
        }

        var user = await db.Users.SingleAsync(u => u.Id == invitation.UserId, cancellationToken);
        op.Subject(nameof(KapUser), user.Id, user.PatientId);
        user.PasswordHash = hasher.HashPassword(user, command.Password);
        user.SecurityStamp = Guid.NewGuid().ToString("N");
        user.EmailConfirmed = true;
        invitation.UsedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return user.UserName ?? "";
    }
}
