using FluentValidation;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Admin.StaffAccounts;

/// <summary>A staff account as an administrator looks after it: roles, whether the authenticator app is on, a lockout.</summary>
public sealed record StaffAccountDto(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, bool AuthenticatorOn, DateTimeOffset? LockedOutUntil, bool IsActive);

/// <summary>Every staff account (issue 8): who has the authenticator app on, who is locked out. No patient accounts.</summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record GetStaffAccountsQuery : IQuery<Result<IReadOnlyList<StaffAccountDto>>>;

/// <summary>
/// A staff member lost both their phone and their recovery codes: an administrator turns their authenticator app off,
/// with a reason. Their sessions end within a minute (security stamp); their next sign-in sets the app up again.
/// Not for one's own account — a second administrator does that, so one stolen password cannot do it.
/// </summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record ResetStaffAuthenticatorCommand(Guid UserId, string Reason) : ICommand<Result>;

public sealed class ResetStaffAuthenticatorValidator : AbstractValidator<ResetStaffAuthenticatorCommand>
{
    public ResetStaffAuthenticatorValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Reason).Must(r => (r ?? "").Trim().Length >= 10)
            .WithMessage("Say why, in at least 10 characters (e.g. how you confirmed it is really them).")
            .MaximumLength(500);
    }
}

public sealed class GetStaffAccountsHandler(IOperationContext context, TimeProvider clock) : IQueryHandler<GetStaffAccountsQuery, Result<IReadOnlyList<StaffAccountDto>>>
{
    public async ValueTask<Result<IReadOnlyList<StaffAccountDto>>> Handle(GetStaffAccountsQuery query, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == KapRoles.Admin || r.Name == KapRoles.Therapist || r.Name == KapRoles.NursePractitioner
                          select new { u.Id, u.DisplayName, u.Email, Role = r.Name!, u.TwoFactorEnabled, u.LockoutEnd, u.IsActive })
            .Take(2000)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.GroupBy(r => r.Id)
            .Select(g =>
            {
                var u = g.First();
                return new StaffAccountDto(u.Id, u.DisplayName, u.Email ?? "", g.Select(x => x.Role).Order().ToList(), u.TwoFactorEnabled,
                    u.LockoutEnd is { } end && end > now ? end : null, u.IsActive);
            })
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}

public sealed class ResetStaffAuthenticatorHandler(IOperationContext context, IAuthenticatorAccounts accounts, TimeProvider clock)
    : ICommandHandler<ResetStaffAuthenticatorCommand, Result>
{
    public async ValueTask<Result> Handle(ResetStaffAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(KapUser), command.UserId, null);
        if (command.UserId == op.User.Id)
        {
            return Error.Rule("Another administrator has to reset your own authenticator app.");
        }

        var isStaff = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .AnyAsync(x => x.UserId == command.UserId && (x.Name == KapRoles.Admin || x.Name == KapRoles.Therapist || x.Name == KapRoles.NursePractitioner), cancellationToken);
        if (!isStaff || !await accounts.ResetAsync(db, command.UserId, cancellationToken))
        {
            return Error.NotFound("The staff account");
        }

        db.InboxMessages.Add(new InboxMessage(command.UserId, "Your authenticator app was reset",
            "An administrator turned off your authenticator app for Kap. The next time you sign in, Kap asks you to set it up again "
            + "and gives you new recovery codes. If you did not ask for this, tell your clinic's administrator at once.",
            clock.GetUtcNow().UtcDateTime, reminderId: null));
        op.Note("mfa-reset");
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
