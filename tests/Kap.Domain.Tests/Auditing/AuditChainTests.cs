using System.Globalization;
using Kap.Domain.Auditing;

namespace Kap.Domain.Tests.Auditing;

public sealed class AuditChainTests
{
    private static readonly Guid User = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly Guid Patient = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");
    private static readonly DateTime At = new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Utc).AddTicks(1234567);

    private static AuditEntry Entry(string? outcome = "ok", Guid? userId = null, DateTime? at = null, string action = "ChangeCoursePhase") =>
        new(at ?? At, userId ?? User, "İlkay.Işık@clinic.test", "Admin,Therapist", action, "Course", Patient, Patient, success: true, outcome);

    private const string ExpectedCanonical =
        "kap-audit-v1|1|2026-11-24T15:00:00.1234567Z|0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b|22:İlkay.Işık@clinic.test|15:Admin,Therapist|17:ChangeCoursePhase|" +
        "6:Course|0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c|0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c|1|2:ok|" + AuditChain.Genesis;

    [Fact]
    public void The_canonical_form_is_fixed_text_with_length_prefixed_fields()
    {
        var entry = Entry();
        entry.Seal(null, null);

        Assert.Equal(ExpectedCanonical, AuditChain.Canonical(entry));
        Assert.Equal(1, entry.Sequence);
        Assert.Equal(AuditChain.Genesis, entry.PreviousHash);
        Assert.Equal(AuditChain.Hash(ExpectedCanonical), entry.Hash);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
    }

    [Fact]
    public void The_hash_is_the_SHA256_of_the_UTF8_canonical_text()
    {
        // Known value: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AuditChain.Hash("abc"));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    public void The_canonical_form_and_hash_do_not_depend_on_the_culture(string culture)
    {
        var invariant = Entry();
        invariant.Seal(41, "ab" + new string('c', 62));
        var expectedHash = invariant.Hash;
        var expectedCanonical = AuditChain.Canonical(invariant);

        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var entry = Entry();
            entry.Seal(41, "ab" + new string('c', 62));
            Assert.Equal(expectedCanonical, AuditChain.Canonical(entry));
            Assert.Equal(expectedHash, entry.Hash);
            Assert.Equal(entry.Hash, AuditChain.ComputeHash(entry));
            Assert.Contains("|42|2026-11-24T15:00:00.1234567Z|", AuditChain.Canonical(entry), StringComparison.Ordinal);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Fact]
    public void Nulls_and_empty_text_and_shifted_text_hash_differently()
    {
        var withNull = new AuditEntry(At, null, null, null, "A", null, null, null, false, null);
        var withEmpty = new AuditEntry(At, null, "", null, "A", null, null, null, false, null);
        // "a|b" in one field must not equal "a" and "b" in two neighbouring fields.
        var shiftedA = new AuditEntry(At, null, "x|4:y", null, "A", null, null, null, false, null);
        var shiftedB = new AuditEntry(At, null, "x", "y", "A", null, null, null, false, null);
        foreach (var e in new[] { withNull, withEmpty, shiftedA, shiftedB })
        {
            e.Seal(null, null);
        }

        Assert.Equal(4, new[] { withNull.Hash, withEmpty.Hash, shiftedA.Hash, shiftedB.Hash }.Distinct().Count());
    }

    [Fact]
    public void A_local_time_is_hashed_as_the_same_instant_in_UTC()
    {
        var utc = Entry();
        var local = Entry(at: At.ToLocalTime());
        utc.Seal(null, null);
        local.Seal(null, null);
        Assert.Equal(utc.Hash, local.Hash);
    }

    [Fact]
    public void Every_field_is_covered_by_the_hash()
    {
        var baseline = Entry();
        baseline.Seal(null, null);
        var variants = new[]
        {
            Entry(outcome: "refused"),
            Entry(userId: Guid.NewGuid()),
            Entry(at: At.AddTicks(1)),
            Entry(action: "ChangeCoursePhasf"),
            new AuditEntry(At, User, "İlkay.Işık@clinic.test", "Admin,Therapist", "ChangeCoursePhase", "Course", Patient, Patient, success: false, "ok"),
            new AuditEntry(At, User, "İlkay.Işık@clinic.test", "Admin", "ChangeCoursePhase", "Course", Patient, Patient, success: true, "ok"),
            new AuditEntry(At, User, "İlkay.Işık@clinic.test", "Admin,Therapist", "ChangeCoursePhase", "Course", Patient, null, success: true, "ok"),
            new AuditEntry(At, User, "İlkay.Işık@clinic.test", "Admin,Therapist", "ChangeCoursePhase", "Patient", Patient, Patient, success: true, "ok"),
            new AuditEntry(At, User, "other@clinic.test", "Admin,Therapist", "ChangeCoursePhase", "Course", Patient, Patient, success: true, "ok"),
        };
        foreach (var v in variants)
        {
            v.Seal(null, null);
            Assert.NotEqual(baseline.Hash, v.Hash);
        }

        var later = Entry();
        later.Seal(1, baseline.Hash);
        Assert.NotEqual(baseline.Hash, later.Hash);
    }

    [Fact]
    public void A_chain_of_sealed_entries_checks_intact_and_each_kind_of_break_is_named()
    {
        var chain = new List<AuditEntry>();
        for (var i = 0; i < 4; i++)
        {
            var e = Entry(at: At.AddSeconds(i));
            e.Seal(chain.LastOrDefault()?.Sequence, chain.LastOrDefault()?.Hash);
            chain.Add(e);
        }

        Assert.All(chain.Select((e, i) => AuditChain.Check(e, i == 0 ? null : chain[i - 1])), Assert.Null);
        Assert.Equal(chain[2].Hash, chain[3].PreviousHash);

        // Entry 3 missing: entry 4 follows entry 2.
        Assert.Equal(AuditLinkProblem.Gap, AuditChain.Check(chain[3], chain[1]));
        // The first entry missing.
        Assert.Equal(AuditLinkProblem.Gap, AuditChain.Check(chain[1], null));
        // A forged neighbour with the right sequence but another hash.
        var forged = Entry(outcome: "forged");
        forged.Seal(1, chain[0].Hash);
        Assert.Equal(AuditLinkProblem.PreviousHashMismatch, AuditChain.Check(chain[2], forged));
        // Not sealed.
        Assert.Equal(AuditLinkProblem.NotSealed, AuditChain.Check(Entry(), null));
        Assert.Throws<InvalidOperationException>(() => chain[0].Seal(null, null));
    }
}
