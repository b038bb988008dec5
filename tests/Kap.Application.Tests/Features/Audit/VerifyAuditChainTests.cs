using Kap.Application.Common.Results;
using Kap.Application.Features.Admin.Rooms;
using Kap.Application.Features.Audit;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Auditing;
using Kap.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Audit;

public sealed class VerifyAuditChainTests : ClinicTest
{
    private async Task<List<AuditEntry>> ChainAsync()
    {
        await using var db = _app.Db();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync();
    }

    private async Task<AuditChainReport> VerifyAsync()
    {
        _clinic.AsAdmin();
        var result = await _app.SendAsync(new VerifyAuditChainQuery());
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>Commands, a refusal (audited outside the transaction) and an audited read, through the real pipeline.</summary>
    private async Task ActivityAsync()
    {
        await _clinic.PatientOfTherapistAAsync();
        _clinic.AsAdmin();
        Assert.True((await _app.SendAsync(new AddRoomCommand("Room 1"))).IsSuccess);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new SetRoomActiveCommand(Guid.NewGuid(), false))).Error!.Kind);
        _clinic.AsTherapistA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new AddRoomCommand("Room 2"))).Error!.Kind);
        _clinic.AsAdmin();
        Assert.True((await _app.SendAsync(new GetAuditEntriesQuery(new AuditFilter()))).IsSuccess);
        Assert.True((await _app.SendAsync(new AddRoomCommand("Room 3"))).IsSuccess);
    }

    [Fact]
    public async Task Entries_written_through_the_pipeline_form_an_intact_chain()
    {
        await ActivityAsync();

        var chain = await ChainAsync();
        Assert.True(chain.Count >= 6);
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(i => (long?)i), chain.Select(e => e.Sequence));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        for (var i = 1; i < chain.Count; i++)
        {
            Assert.Equal(chain[i - 1].Hash, chain[i].PreviousHash);
            Assert.Equal(AuditChain.ComputeHash(chain[i]), chain[i].Hash);
        }

        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Summary);
        Assert.Equal(chain.Count, report.Entries);
        Assert.Equal(chain[^1].Hash, report.LastHash);
        Assert.StartsWith($"Intact: {chain.Count:N0} entries", report.Summary);

        // The verification is itself audited, and appended to the chain.
        var after = await ChainAsync();
        Assert.Equal("VerifyAuditChain", after[^1].Action);
        Assert.Equal(chain[^1].Hash, after[^1].PreviousHash);
    }

    [Theory]
    [InlineData("UPDATE AuditEntries SET Outcome = 'ok' WHERE Id = {0}")]
    [InlineData("UPDATE AuditEntries SET UserId = NULL WHERE Id = {0}")]
    [InlineData("UPDATE AuditEntries SET Hash = '0000000000000000000000000000000000000000000000000000000000000001' WHERE Id = {0}")]
    public async Task A_row_altered_in_the_database_is_the_first_broken_link(string sql)
    {
        await ActivityAsync();
        var chain = await ChainAsync();
        var target = chain.First(e => e.Outcome != "ok" && e.UserId != null);
        await using (var db = _app.Db())
        {
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql, target.Id));
        }

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(target.Id, report.BrokenEntryId);
        Assert.Equal(target.Sequence, report.BrokenSequence);
        Assert.Equal(AuditLinkProblem.ContentAltered, report.Problem);
        Assert.Contains("content altered", report.Summary);
    }

    [Fact]
    public async Task A_row_altered_with_its_own_hash_recomputed_breaks_the_next_link()
    {
        await ActivityAsync();
        var chain = await ChainAsync();
        var target = chain[2];
        await using (var db = _app.Db())
        {
            // A forger who knows the format: changes the outcome and re-hashes the row, but not the rest of the chain.
            var forged = new AuditEntry(target.AtUtc, target.UserId, target.UserName, target.Roles, target.Action, target.EntityType, target.EntityId,
                target.PatientId, target.Success, "forged");
            forged.Seal(chain[1].Sequence, chain[1].Hash);
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Outcome = 'forged', Hash = {0} WHERE Id = {1}", forged.Hash!, target.Id);
        }

        var report = await VerifyAsync();

        Assert.Equal(chain[3].Id, report.BrokenEntryId);
        Assert.Equal(AuditLinkProblem.PreviousHashMismatch, report.Problem);
    }

    [Fact]
    public async Task A_row_deleted_from_the_database_is_reported_at_the_next_row()
    {
        await ActivityAsync();
        var chain = await ChainAsync();
        await using (var db = _app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Id = {0}", chain[3].Id);
        }

        var report = await VerifyAsync();

        Assert.False(report.Intact);
        Assert.Equal(chain[4].Id, report.BrokenEntryId);
        Assert.Equal(AuditLinkProblem.Gap, report.Problem);
        Assert.Equal(chain[2].Sequence, report.LastSequence);
    }

    [Fact]
    public async Task Deleting_the_first_row_is_reported_too()
    {
        await ActivityAsync();
        var chain = await ChainAsync();
        await using (var db = _app.Db())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Id = {0}", chain[0].Id);
        }

        var report = await VerifyAsync();

        Assert.Equal(chain[1].Id, report.BrokenEntryId);
        Assert.Equal(AuditLinkProblem.Gap, report.Problem);
    }

    [Fact]
    public async Task Concurrent_appends_leave_an_intact_chain()
    {
        _clinic.AsAdmin();
        var before = (await ChainAsync()).Count;
        // Commands (appended inside their transaction), refusals and audited reads (appended on their own), all at once.
        var tasks = Enumerable.Range(0, 20).Select(async i =>
        {
            var result = (i % 4) switch
            {
                0 => (IResult)await _app.SendAsync(new SetRoomActiveCommand(Guid.NewGuid(), true)),
                1 => await _app.SendAsync(new GetAuditEntriesQuery(new AuditFilter(), PageSize: 5)),
                _ => await _app.SendAsync(new AddRoomCommand($"Room {i}")),
            };
            return result;
        }).ToList();
        await Task.WhenAll(tasks);
        Assert.Equal(10, tasks.Count(t => t.Result.IsSuccess && t.Result is Result<Guid>));

        var chain = await ChainAsync();
        Assert.Equal(before + 20, chain.Count);
        Assert.Equal(chain.Count, chain.Select(e => e.Sequence).Distinct().Count());
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Summary);
        Assert.Equal(before + 20, report.Entries);
    }

    [Fact]
    public async Task Entries_from_before_the_chain_are_reported_until_the_start_up_back_fill_seals_them()
    {
        await ActivityAsync();
        var count = (await ChainAsync()).Count;
        await using (var db = _app.Db())
        {
            // Rows as the previous version wrote them: no sequence, no hashes.
            var at = _app.Clock.GetUtcNow().UtcDateTime.AddDays(-30);
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO AuditEntries (AtUtc, Action, Success, Outcome) VALUES ({at}, 'Legacy', 1, 'ok')");
            await db.Database.ExecuteSqlInterpolatedAsync($"INSERT INTO AuditEntries (AtUtc, Action, Success, Outcome) VALUES ({at.AddSeconds(1)}, 'Legacy', 0, 'forbidden')");
        }

        var broken = await VerifyAsync();
        Assert.Equal(AuditLinkProblem.NotSealed, broken.Problem);

        await DatabaseInitializer.InitializeAsync(_app.Services);
        await DatabaseInitializer.InitializeAsync(_app.Services); // a second start seals nothing twice

        var chain = await ChainAsync();
        Assert.Equal(["Legacy", "Legacy"], chain.Skip(count + 1).Take(2).Select(e => e.Action));
        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Summary);
        Assert.Equal(count + 3, report.Entries);
    }
}
