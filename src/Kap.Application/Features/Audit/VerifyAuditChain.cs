using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Audit;

/// <summary>
/// Walks the whole audit chain in sequence order, <see cref="BatchSize"/> entries at a time (only the previous entry is
/// kept between batches, so memory stays bounded however long the trail is), and reports either that it is intact
/// with how many entries, or the first broken link: the entry and what is wrong with it. Audited.
/// </summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record VerifyAuditChainQuery : IQuery<Result<AuditChainReport>>, IReadsHealthInformation
{
    public const int BatchSize = 1000;
}

/// <param name="Entries">Entries checked (up to and including the broken one).</param>
/// <param name="LastSequence">The last entry's sequence and hash when intact: write them down elsewhere to detect a rewritten tail later.</param>
public sealed record AuditChainReport(
    bool Intact,
    long Entries,
    long? BrokenEntryId,
    long? BrokenSequence,
    AuditLinkProblem? Problem,
    long? LastSequence,
    string? LastHash)
{
    public string Summary => Intact
        ? $"Intact: {Entries:N0} entries; the last is #{LastSequence} with hash {LastHash}."
        : $"Broken at entry {BrokenEntryId}{(BrokenSequence is { } s ? $" (#{s})" : "")}: {Problem!.Value.Describe()}.";
}

public sealed class VerifyAuditChainHandler(IOperationContext context) : IQueryHandler<VerifyAuditChainQuery, Result<AuditChainReport>>
{
    public async ValueTask<Result<AuditChainReport>> Handle(VerifyAuditChainQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(AuditEntry), null, null);
        var db = op.Db;
        AuditEntry? previous = null;
        long count = 0;
        while (true)
        {
            var after = previous?.Sequence ?? long.MinValue;
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null && a.Sequence > after).OrderBy(a => a.Sequence)
                .Take(VerifyAuditChainQuery.BatchSize).ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                count++;
                if (AuditChain.Check(entry, previous) is { } problem)
                {
                    return new AuditChainReport(false, count, entry.Id, entry.Sequence, problem, previous?.Sequence, previous?.Hash);
                }

                previous = entry;
            }

            if (batch.Count < VerifyAuditChainQuery.BatchSize)
            {
                break;
            }
        }

        // An entry outside the chain was written around the pipeline (or before the start-up back-fill ran).
        var unsealed = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null).OrderBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (unsealed is { } id)
        {
            return new AuditChainReport(false, count + 1, id, null, AuditLinkProblem.NotSealed, previous?.Sequence, previous?.Hash);
        }

        return new AuditChainReport(true, count, null, null, null, previous?.Sequence, previous?.Hash);
    }
}
