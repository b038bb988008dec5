using Kap.Application.Common.Interfaces;
using Kap.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Common.Operations;

/// <summary>
/// Appends to the audit hash chain. The last entry's sequence and hash are read inside the caller's transaction,
/// under a lock that serializes appends until that transaction ends, so two writers can never link to the same
/// entry (a unique index on <see cref="AuditEntry.Sequence"/> would refuse the second anyway). SQLite's transactions
/// hold the database's write lock from their start (BEGIN IMMEDIATE); on SQL Server an exclusive application lock
/// (<c>sp_getapplock</c>, owned by the transaction) is taken first. A command's entry is appended at the end of its
/// transaction, so the lock is held only from the append to the commit.
/// </summary>
public static class AuditChainAppender
{
    public const string SqlServerProvider = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>The application lock's name on SQL Server.</summary>
    public const string LockResource = "Kap.AuditChain";

    public static async Task AppendAsync(IKapDbContext db, AuditEntry entry, CancellationToken cancellationToken)
    {
        await LockAsync(db, cancellationToken);
        var (sequence, hash) = await LastLinkAsync(db, cancellationToken);
        entry.Seal(sequence, hash);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Seals entries written before the chain existed (no sequence yet), oldest first, after the current end of the
    /// chain. Run once at start-up, after the migrations; a no-op when every entry is sealed. Returns how many it sealed.
    /// It sets only the three chain columns of rows that have none, with a bulk update that bypasses the change
    /// tracker's append-only guard: that guard is about content, which this never changes.
    /// </summary>
    public static async Task<int> SealLegacyEntriesAsync(IKapDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.AuditEntries.AnyAsync(a => a.Sequence == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAsync(db, cancellationToken);
        var (sequence, hash) = await LastLinkAsync(db, cancellationToken);
        var sealedCount = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                entry.Seal(sequence, hash);
                await db.AuditEntries.Where(a => a.Id == entry.Id && a.Sequence == null).ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Sequence, entry.Sequence)
                    .SetProperty(a => a.PreviousHash, entry.PreviousHash)
                    .SetProperty(a => a.Hash, entry.Hash), cancellationToken);
                (sequence, hash) = (entry.Sequence, entry.Hash);
                sealedCount++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return sealedCount;
    }

    private static async Task LockAsync(IKapDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit entry is appended inside a transaction, which holds the chain's lock until it ends.");
        }

        if (db.Database.ProviderName == SqlServerProvider)
        {
            await db.Database.ExecuteSqlRawAsync(
                "DECLARE @result int; " +
                "EXEC @result = sp_getapplock @Resource = N'" + LockResource + "', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000; " +
                "IF @result < 0 THROW 51000, N'The audit chain lock was not granted.', 1;",
                cancellationToken);
        }
    }

    private static async Task<(long? Sequence, string? Hash)> LastLinkAsync(IKapDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        return (last?.Sequence, last?.Hash);
    }
}
