using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Kap.Application.Tests.Performance;

/// <summary>
/// SQLite's <c>EXPLAIN QUERY PLAN</c> for a statement EF Core sent, run on the test app's migrated database file. The
/// statement's parameters are bound to NULL: SQLite chooses the plan when it prepares the statement, before any value is
/// bound (it would look at values only with STAT4 statistics, which need an ANALYZE that Kap never runs).
/// </summary>
internal static partial class QueryPlan
{
    /// <summary>Tables that stay small whatever the clinic's size (configuration, not patients): a scan of them is fine.</summary>
    public static readonly IReadOnlySet<string> SmallTables = new HashSet<string>(StringComparer.Ordinal)
    {
        "AspNetRoles", "Rooms", "ConsentDocuments", "StockLots",
    };

    public static async Task<IReadOnlyList<string>> ExplainAsync(string databaseFile, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    /// <summary>
    /// The tables the plan reads from end to end without an index ("SCAN Patients", not "SCAN p USING INDEX ..." or "SEARCH
    /// ..."), other than <see cref="SmallTables"/>. EF Core aliases every table ("Patients" AS "p"); the plan names the alias,
    /// which is mapped back to its table. A scan of a subquery's alias is of rows already chosen, and is not counted.
    /// </summary>
    public static IReadOnlyList<string> FullScans(string sql, IEnumerable<string> plan)
    {
        var tables = TableAlias().Matches(sql).GroupBy(m => m.Groups["alias"].Value).ToDictionary(g => g.Key, g => g.First().Groups["table"].Value);
        var named = TableName().Matches(sql).Select(m => m.Groups["table"].Value).ToHashSet(StringComparer.Ordinal);
        var scans = new List<string>();
        foreach (var line in plan)
        {
            var scan = Scan().Match(line);
            if (!scan.Success || scan.Groups["index"].Success)
            {
                continue;
            }

            var name = scan.Groups["name"].Value;
            var table = tables.GetValueOrDefault(name, name);
            var isTable = tables.ContainsKey(name) || named.Contains(name);
            if (isTable && !SmallTables.Contains(table))
            {
                scans.Add($"{line} (table {table})");
            }
        }

        return scans;
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();

    [GeneratedRegex("(?:FROM|JOIN|UPDATE)\\s+\"(?<table>\\w+)\"\\s+AS\\s+\"(?<alias>\\w+)\"")]
    private static partial Regex TableAlias();

    [GeneratedRegex("(?:FROM|JOIN|UPDATE|INTO)\\s+\"(?<table>\\w+)\"")]
    private static partial Regex TableName();

    [GeneratedRegex(@"^SCAN (?<name>\S+)(?<index> USING (?:COVERING )?INDEX .*)?$")]
    private static partial Regex Scan();
}

/// <summary>
/// The table statistics <c>ANALYZE</c> would record for a large clinic — 100,000 patients, 70 clinicians, 20 rooms — written
/// straight into <c>sqlite_stat1</c>, the way SQLite's documentation suggests for seeing the plans a big database would get
/// without building one ("Manual Control Of Query Plans Using SQLITE_STAT Tables"). Each index's line is computed from a
/// table's rows and the number of distinct values of each indexed column (unlisted columns are taken as unique: ids,
/// instants, names).
/// </summary>
internal static class LargeClinicStatistics
{
    private static readonly Dictionary<string, long> Rows = new(StringComparer.Ordinal)
    {
        ["Patients"] = 100_000, ["Courses"] = 110_000, ["Appointments"] = 2_000_000, ["Reminders"] = 4_000_000,
        ["AspNetUsers"] = 100_070, ["InboxMessages"] = 1_000_000, ["AppointmentRequests"] = 200_000, ["DosePlans"] = 100_000,
        ["EmergencyAccesses"] = 500, ["AuditEntries"] = 20_000_000, ["Rooms"] = 20,
    };

    private static readonly Dictionary<string, long> Distinct = new(StringComparer.Ordinal)
    {
        ["Patients.RegisteredBy"] = 50,
        ["Courses.PatientId"] = 100_000, ["Courses.PrimaryTherapistId"] = 50, ["Courses.PrescriberId"] = 20, ["Courses.Phase"] = 8,
        ["Appointments.PatientId"] = 100_000, ["Appointments.CourseId"] = 110_000, ["Appointments.ClinicianId"] = 70,
        ["Appointments.SecondClinicianId"] = 70, ["Appointments.RoomId"] = 20,
        ["Reminders.Status"] = 7, ["Reminders.AppointmentId"] = 2_000_000, ["Reminders.CourseId"] = 110_000, ["Reminders.PatientId"] = 100_000,
        ["InboxMessages.UserId"] = 100_000,
        ["AppointmentRequests.Status"] = 3, ["AppointmentRequests.AppointmentId"] = 180_000, ["AppointmentRequests.PatientId"] = 60_000,
        ["AppointmentRequests.CourseId"] = 60_000,
        ["DosePlans.CourseId"] = 100_000,
        ["EmergencyAccesses.UserId"] = 70, ["EmergencyAccesses.CourseId"] = 400,
        ["AuditEntries.PatientId"] = 100_000, ["AuditEntries.UserId"] = 100_070,
    };

    public static async Task WriteAsync(string databaseFile)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // ANALYZE creates sqlite_stat1; its figures from the few test rows are then replaced.
        command.CommandText = "ANALYZE; DELETE FROM sqlite_stat1;";
        await command.ExecuteNonQueryAsync();

        var indexes = new List<(string Table, string Index)>();
        command.CommandText = "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index'";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (Rows.ContainsKey(reader.GetString(0)))
                {
                    indexes.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
        }

        foreach (var (table, index) in indexes)
        {
            var columns = new List<string>();
            command.CommandText = $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno";
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    columns.Add(reader.GetString(0));
                }
            }

            var rows = Rows[table];
            var stat = new List<long> { rows };
            var combinations = 1.0;
            foreach (var column in columns)
            {
                combinations *= Distinct.GetValueOrDefault($"{table}.{column}", rows);
                stat.Add(Math.Max(1, (long)Math.Ceiling(rows / Math.Min(rows, combinations))));
            }

            command.CommandText = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($tbl, $idx, $stat)";
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$tbl", table);
            command.Parameters.AddWithValue("$idx", index);
            command.Parameters.AddWithValue("$stat", string.Join(' ', stat));
            await command.ExecuteNonQueryAsync();
            command.Parameters.Clear();
        }
    }
}
