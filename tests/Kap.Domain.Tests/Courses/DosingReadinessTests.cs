using Kap.Domain.Courses;

namespace Kap.Domain.Tests.Courses;

public sealed class DosingReadinessTests
{
    [Fact]
    public void When_every_item_is_done_the_gate_is_met_and_nothing_is_missing()
    {
        var readiness = new DosingReadiness(true, true, true, true, true);

        Assert.True(readiness.IsMet);
        Assert.Empty(readiness.Missing);
    }

    [Theory]
    [InlineData(false, true, true, true, true, "clearance")]
    [InlineData(true, false, true, true, true, "consent")]
    [InlineData(true, true, false, true, true, "baseline")]
    [InlineData(true, true, true, false, true, "preparation sessions")]
    [InlineData(true, true, true, true, false, "support person")]
    public void Each_missing_item_gives_exactly_one_named_problem(
        bool clearance, bool consent, bool baseline, bool preparation, bool supportPerson, string names)
    {
        var readiness = new DosingReadiness(clearance, consent, baseline, preparation, supportPerson);

        Assert.False(readiness.IsMet);
        var missing = Assert.Single(readiness.Missing);
        Assert.Contains(names, missing, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_missing_items_name_what_domain_md_section_2_requires()
    {
        var missing = new DosingReadiness(false, false, false, false, false).Missing;

        Assert.Equal(5, missing.Count);
        Assert.Contains("nurse practitioner", missing[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("hard stop", missing[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("current consent version", missing[1], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("PHQ-9", missing[2], StringComparison.Ordinal);
        Assert.Contains("GAD-7", missing[2], StringComparison.Ordinal);
        Assert.Contains("C-SSRS", missing[2], StringComparison.Ordinal);
        Assert.Contains("intentions", missing[3], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("contact details", missing[4], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, missing.Distinct().Count());
    }

    /// <summary>All 32 combinations of the five items.</summary>
    public static TheoryData<bool, bool, bool, bool, bool> AllCombinations()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool>();
        for (var mask = 0; mask < 32; mask++)
        {
            data.Add((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0, (mask & 16) != 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void One_missing_item_per_false_flag(bool clearance, bool consent, bool baseline, bool preparation, bool supportPerson)
    {
        var readiness = new DosingReadiness(clearance, consent, baseline, preparation, supportPerson);
        var falseFlags = new[] { clearance, consent, baseline, preparation, supportPerson }.Count(f => !f);

        Assert.Equal(falseFlags, readiness.Missing.Count);
        Assert.Equal(falseFlags == 0, readiness.IsMet);
        Assert.All(readiness.Missing, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }
}
