using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>The list the log-privacy checks use names every seeded demo patient, so a new demo patient cannot slip past them.</summary>
public sealed class DemoIdentityTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    [Fact]
    public async Task Every_seeded_demo_patient_is_in_the_identities_the_log_checks_look_for()
    {
        _ = fixture.Factory.CreateClient(); // starts the app, which seeds the demo clinic
        var factory = fixture.Factory.Services.GetRequiredService<IDbContextFactory<KapDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var seeded = await db.Patients.Select(p => new { p.LegalName, p.PreferredName, p.DateOfBirth }).ToListAsync();

        Assert.Equal(DemoData.PatientIdentities.Count, seeded.Count);
        foreach (var p in seeded)
        {
            Assert.Contains((p.LegalName, p.PreferredName, p.DateOfBirth), DemoData.PatientIdentities);
        }
    }
}
