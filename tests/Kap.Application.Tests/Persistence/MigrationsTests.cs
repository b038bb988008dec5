using Kap.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Kap.Application.Tests.Persistence;

/// <summary>Both providers' migrations match the model, and the SQL Server script is valid T-SQL (no server needed).</summary>
public sealed class MigrationsTests
{
    private static KapDbContext Context(DatabaseProvider provider, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<KapDbContext>();
        DatabaseConfiguration.Configure(builder, provider, connectionString);
        return new KapDbContext(builder.Options);
    }

    private static KapDbContext SqlServer() => Context(DatabaseProvider.SqlServer, "Server=localhost;Database=KapScriptOnly;Trusted_Connection=True;TrustServerCertificate=True");

    private static KapDbContext Sqlite(string? path = null) => Context(DatabaseProvider.Sqlite, $"Data Source={path ?? ":memory:"}");

    [Fact]
    public void Sqlite_migrations_have_no_pending_model_changes()
    {
        using var db = Sqlite();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project migrations/Kap.Migrations.Sqlite ... (see README)");
    }

    [Fact]
    public void SqlServer_migrations_have_no_pending_model_changes()
    {
        using var db = SqlServer();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project migrations/Kap.Migrations.SqlServer ... (see README)");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        static IEnumerable<string> Names(KapDbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_') + 1)..]);
        using var sqlite = Sqlite();
        using var sqlServer = SqlServer();
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void The_SqlServer_idempotent_script_parses_as_TSql_with_no_errors()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Patients]", script);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    [Fact]
    public async Task Sqlite_migrations_create_a_working_database_from_nothing()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kap-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Sqlite(path))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Equal(0, await db.Patients.CountAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
