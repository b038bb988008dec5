using FluentValidation;
using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;

namespace Kap.Application.Features.Account.Authenticator;

/// <summary>
/// Opens the signed-in user's authenticator set-up (issue 8): whether the app is on and how many recovery codes are
/// left, or, before it is on, the key to enrol with. A command, because the first visit makes the key.
/// Open to any signed-in user: staff must get here before their staff policies let them through.
/// </summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record BeginAuthenticatorSetupCommand : ICommand<Result<AuthenticatorState>>;

/// <summary>Turns the authenticator app on with a code it shows now; returns the recovery codes, shown once.</summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record EnableAuthenticatorCommand(string Code) : ICommand<Result<IReadOnlyList<string>>>
{
    public override string ToString() => "EnableAuthenticatorCommand { Code = *** }";
}

/// <summary>New recovery codes for a user whose app is on; the old ones stop working.</summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record RegenerateRecoveryCodesCommand : ICommand<Result<IReadOnlyList<string>>>;

public sealed class EnableAuthenticatorValidator : AbstractValidator<EnableAuthenticatorCommand>
{
    public EnableAuthenticatorValidator() =>
        RuleFor(x => x.Code).Must(c => AuthenticatorCode.Normalize(c) is not null)
            .WithMessage("Enter the 6-digit code your authenticator app shows now.");
}

public static class AuthenticatorCode
{
    /// <summary>Six digits, however the app groups them ("123 456").</summary>
    public static string? Normalize(string? code)
    {
        if (code is null || code.Length > 20)
        {
            return null;
        }

        var digits = new string(code.Where(c => c is not (' ' or '-')).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }
}

public sealed class BeginAuthenticatorSetupHandler(IOperationContext context, IAuthenticatorAccounts accounts)
    : ICommandHandler<BeginAuthenticatorSetupCommand, Result<AuthenticatorState>>
{
    public async ValueTask<Result<AuthenticatorState>> Handle(BeginAuthenticatorSetupCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(KapUser), op.User.Id, null);
        var state = op.User.Id is { } id ? await accounts.BeginAsync(op.Db, id, cancellationToken) : null;
        return state is null ? Error.NotFound("Your account") : state;
    }
}

public sealed class EnableAuthenticatorHandler(IOperationContext context, IAuthenticatorAccounts accounts)
    : ICommandHandler<EnableAuthenticatorCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(EnableAuthenticatorCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(KapUser), op.User.Id, null);
        if (op.User.Id is not { } id)
        {
            return Error.NotFound("Your account");
        }

        var codes = await accounts.EnableAsync(op.Db, id, AuthenticatorCode.Normalize(command.Code)!, cancellationToken);
        if (codes is null)
        {
            return Error.Field(nameof(command.Code),
                "That code is not right. Check that the app shows Kap for this account and type the code it shows now; codes change every 30 seconds.");
        }

        op.Note("mfa-enabled");
        return Result<IReadOnlyList<string>>.Success(codes);
    }
}

public sealed class RegenerateRecoveryCodesHandler(IOperationContext context, IAuthenticatorAccounts accounts)
    : ICommandHandler<RegenerateRecoveryCodesCommand, Result<IReadOnlyList<string>>>
{
    public async ValueTask<Result<IReadOnlyList<string>>> Handle(RegenerateRecoveryCodesCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(KapUser), op.User.Id, null);
        var codes = op.User.Id is { } id ? await accounts.NewRecoveryCodesAsync(op.Db, id, cancellationToken) : null;
        if (codes is null)
        {
            return Error.Rule("Turn on the authenticator app first; recovery codes come with it.");
        }

        op.Note("recovery-codes-replaced");
        return Result<IReadOnlyList<string>>.Success(codes);
    }
}
