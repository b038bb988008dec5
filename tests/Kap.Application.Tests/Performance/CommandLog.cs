using Kap.Application.Common.Results;
using Kap.Application.Tests.Infrastructure;

namespace Kap.Application.Tests.Performance;

/// <summary>
/// The SQL commands one page load sent, read from the EF Core command interceptor every test app already has
/// (<see cref="FaultInjector.Commands"/>). They fall in two groups: the handlers' reads (the page's data) and the audit
/// trail's writes, which every message that reads health information adds after its handler — the chain's last link
/// (one SELECT) and the new entry (one INSERT). Transactions (BEGIN/COMMIT) are not commands and are not counted.
/// </summary>
public sealed class CommandLog(IReadOnlyList<string> commands)
{
    public IReadOnlyList<string> All => commands;

    public int Total => commands.Count;

    /// <summary>The audit trail's own commands: reading the chain's last link and inserting the entry.</summary>
    public IReadOnlyList<string> AuditWrites => [.. commands.Where(IsAuditWrite)];

    /// <summary>Everything else: what the handlers read (and, for a command, wrote).</summary>
    public IReadOnlyList<string> Reads => [.. commands.Where(c => !IsAuditWrite(c))];

    public static bool IsAuditWrite(string sql) =>
        sql.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal)
        || (sql.Contains("FROM \"AuditEntries\"", StringComparison.Ordinal) && sql.Contains("ORDER BY \"a\".\"Sequence\" DESC", StringComparison.Ordinal));

    /// <summary>Runs <paramref name="load"/> and returns the commands it sent (the app runs one test at a time, so all of them are its own).</summary>
    public static async Task<CommandLog> MeasureAsync(KapTestApp app, Func<Task> load)
    {
        var before = app.Faults.Commands.Count;
        await load();
        return new CommandLog([.. app.Faults.Commands.Skip(before)]);
    }

    public override string ToString() =>
        $"{Reads.Count} reads + {AuditWrites.Count} audit = {Total} commands:\n" + string.Join("\n---\n", commands);
}

internal static class ResultAssertions
{
    /// <summary>A budget is only meaningful for a load that succeeded: a refusal costs less and proves nothing.</summary>
    public static T Ok<T>(this Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }
}
