using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Kap.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Common.Operations;

/// <summary>Writes audit entries outside the message's own transaction (for refusals and rollbacks).</summary>
public sealed class AuditWriter(IKapDbContextFactory factory, TimeProvider clock)
{
    public AuditEntry Create(UserContext user, string action, string? entityType, Guid? entityId, Guid? patientId, bool success, string outcome) =>
        new(clock.GetUtcNow().UtcDateTime, user.Id, user.UserName, user.Roles.Count == 0 ? null : string.Join(",", user.Roles),
            action, entityType, entityId, patientId, success, outcome);

    public async Task WriteAsync(UserContext user, string action, string? entityType, Guid? entityId, Guid? patientId, bool success, string outcome, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AuditChainAppender.AppendAsync(db, Create(user, action, entityType, entityId, patientId, success, outcome), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public static string ActionName(Type messageType)
    {
        var name = messageType.Name;
        foreach (var suffix in new[] { "Command", "Query" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
