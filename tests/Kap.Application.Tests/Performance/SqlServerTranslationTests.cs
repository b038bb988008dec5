using Kap.Application.Features.Dosing;
using Kap.Application.Features.Portal;
using Kap.Application.Features.Scheduling.Common;
using Kap.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Kap.Application.Tests.Performance;

/// <summary>
/// The queries rewritten to meet the budgets (a UNION ALL of a session's entries, scalar subqueries per row) run on SQLite
/// in the other tests; production runs SQL Server. Without a server here, this checks that EF Core translates each of them
/// for SQL Server and that the text parses as T-SQL — the set operation's column types are checked by EF at translation.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private static readonly Guid Id = Guid.NewGuid();

    public static TheoryData<string> Queries => ["session entries", "calendar", "portal upcoming"];

    [Theory]
    [MemberData(nameof(Queries))]
    public void The_rewritten_query_translates_for_SqlServer_and_parses_as_TSql(string query)
    {
        var builder = new DbContextOptionsBuilder<KapDbContext>();
        DatabaseConfiguration.Configure(builder, DatabaseProvider.SqlServer, "Server=localhost;Database=KapScriptOnly;Trusted_Connection=True;TrustServerCertificate=True");
        using var db = new KapDbContext(builder.Options);
        var sql = query switch
        {
            "session entries" => SessionEntries.Of(db, Id).OrderBy(e => e.Kind).ThenBy(e => e.AtUtc).ThenBy(e => e.Id).ToQueryString(),
            "calendar" => AppointmentQueries.ProjectFor(db, db.Appointments.Where(a => a.ClinicianId == Id), db.Courses.Where(c => c.PrimaryTherapistId == Id)).ToQueryString(),
            _ => GetMyAppointmentsHandler.Upcoming(db, Id, DateTime.UtcNow).ToQueryString(),
        };
        TestContext.Current.TestOutputHelper?.WriteLine(sql);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")) + "\n" + sql);
    }
}
