using Kap.Application.Common.Interfaces;
using Mediator;

namespace Kap.Application.Common.Behaviors;

/// <summary>A command that carries other staff members' own sign-ins (witnesses to waste or destruction, domain.md §7).</summary>
public interface IWitnessedCommand
{
    /// <summary>The credentials to check before the command's transaction opens (null entries are skipped).</summary>
    IEnumerable<StaffCredentials?> WitnessCredentials();
}

/// <summary>
/// Checks the witnesses' credentials of an <see cref="IWitnessedCommand"/> before the transaction opens. It must
/// run outside it: a wrong password counts toward the witness's lockout, a write that has to survive the command's
/// rollback, and on SQLite a second connection cannot write while the command's transaction holds the write lock.
/// It only looks the witnesses up; the handler decides (via <see cref="IVerifiedWitnesses"/>) what a failed or
/// self-witnessed check means, so the refusal is audited and rolled back like any other.
/// </summary>
public sealed class WitnessVerificationBehavior<TMessage, TResponse>(IStaffCredentialVerifier verifier) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IWitnessedCommand witnessed)
        {
            return await next(message, cancellationToken);
        }

        var checkedWitnesses = new Dictionary<StaffCredentials, VerifiedStaff?>();
        foreach (var credentials in witnessed.WitnessCredentials())
        {
            if (credentials is not null && !checkedWitnesses.ContainsKey(credentials))
            {
                checkedWitnesses[credentials] = await verifier.VerifyAsync(credentials, cancellationToken);
            }
        }

        using var scope = VerifiedWitnesses.Open(checkedWitnesses);
        return await next(message, cancellationToken);
    }
}

/// <summary>What <see cref="WitnessVerificationBehavior{TMessage,TResponse}"/> found for the current command's witnesses.</summary>
public interface IVerifiedWitnesses
{
    /// <summary>The staff member the credentials belong to, or null when they did not verify.</summary>
    VerifiedStaff? For(StaffCredentials credentials);
}

public sealed class VerifiedWitnesses : IVerifiedWitnesses
{
    // AsyncLocal for the same reason as OperationContext: one circuit scope may run several messages at once.
    private static readonly AsyncLocal<IReadOnlyDictionary<StaffCredentials, VerifiedStaff?>?> Ambient = new();

    public VerifiedStaff? For(StaffCredentials credentials)
    {
        var results = Ambient.Value ?? throw new InvalidOperationException("Witnesses are verified by the Mediator pipeline: the command must implement IWitnessedCommand.");
        return results.TryGetValue(credentials, out var staff)
            ? staff
            : throw new InvalidOperationException("These credentials were not among the command's witnesses.");
    }

    internal static IDisposable Open(IReadOnlyDictionary<StaffCredentials, VerifiedStaff?> results)
    {
        var previous = Ambient.Value;
        Ambient.Value = results;
        return new Restore(previous);
    }

    private sealed class Restore(IReadOnlyDictionary<StaffCredentials, VerifiedStaff?>? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
