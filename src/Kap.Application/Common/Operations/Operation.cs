using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;

namespace Kap.Application.Common.Operations;

/// <summary>
/// The unit of work of one message: its own DbContext (and, for a command, its transaction), the user
/// sending it, and what the audit entry should name. The pipeline creates it; handlers only use it.
/// </summary>
public sealed class Operation
{
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];

    internal Operation(IKapDbContext db, UserContext user)
    {
        Db = db;
        User = user;
    }

    public IKapDbContext Db { get; }

    public UserContext User { get; }

    public string? EntityType { get; private set; }

    public Guid? EntityId { get; private set; }

    public Guid? PatientId { get; private set; }

    internal IReadOnlyList<Func<CancellationToken, Task>> AfterCommitActions => _afterCommit;

    /// <summary>A short, health-information-free remark the audit entry adds to its outcome, e.g. "bp-override".</summary>
    public string? AuditNote { get; private set; }

    /// <summary>Marks the audit entry, e.g. when a clinician overrode a safety gate (the reason is on the record itself).</summary>
    public void Note(string note) => AuditNote = AuditNote is null ? note : AuditNote + "," + note;

    /// <summary>Names the record (and the patient it belongs to) for the audit entry.</summary>
    public void Subject(string entityType, Guid? entityId, Guid? patientId)
    {
        EntityType = entityType;
        EntityId = entityId;
        PatientId = patientId;
    }

    /// <summary>Runs <paramref name="action"/> once the transaction has committed (e.g. sending an email).</summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => _afterCommit.Add(action);
}

/// <summary>Gives handlers the operation the pipeline opened for the message they are handling.</summary>
public interface IOperationContext
{
    Operation Current { get; }
}

public sealed class OperationContext : IOperationContext
{
    // AsyncLocal, not a scoped field: a Blazor circuit is one DI scope that can run several messages at once.
    private static readonly AsyncLocal<Operation?> Ambient = new();

    public Operation Current => Ambient.Value ?? throw new InvalidOperationException("No operation is open: handlers run only through the Mediator pipeline.");

    internal static Operation? Peek => Ambient.Value;

    internal static IDisposable Open(Operation operation)
    {
        var previous = Ambient.Value;
        Ambient.Value = operation;
        return new Restore(previous);
    }

    private sealed class Restore(Operation? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
