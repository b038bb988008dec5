using Kap.Domain.Courses;

namespace Kap.Domain.Tests.Courses;

public sealed class CoursePlanTests
{
    [Fact]
    public void The_default_plan_is_one_preparation_six_dosing_one_integration_per_dose_and_one_after_the_series()
    {
        var plan = CoursePlan.Default;

        Assert.Equal(1, plan.PreparationSessions);
        Assert.Equal(6, plan.DosingSessions);
        Assert.Equal(1, plan.IntegrationSessionsPerDose);
        Assert.Equal(1, plan.IntegrationSessionsAfterSeries);
        Assert.Equal(new CoursePlan(1, 6, 1, 1), plan);
    }

    [Fact]
    public void The_default_plan_is_valid()
    {
        var result = CoursePlan.Default.Validate();

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData(6, 1, 1, 7)]
    [InlineData(3, 3, 0, 9)]
    [InlineData(3, 3, 2, 11)]
    [InlineData(1, 1, 1, 2)]
    public void Total_integration_sessions_are_one_set_per_dose_plus_those_after_the_series(int dosing, int perDose, int after, int total)
    {
        var plan = new CoursePlan(1, dosing, perDose, after);

        Assert.Equal(total, plan.TotalIntegrationSessions);
    }

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(24, 24, 5, 24)]
    [InlineData(3, 3, 3, 9)]
    [InlineData(24, 1, 5, 1)]
    [InlineData(1, 24, 1, 24)]
    public void Plans_within_the_bounds_are_valid(int preparation, int dosing, int perDose, int after)
    {
        var result = new CoursePlan(preparation, dosing, perDose, after).Validate();

        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
    }

    [Theory]
    [InlineData(0, 6, 1, 1, "preparation")]
    [InlineData(-1, 6, 1, 1, "preparation")]
    [InlineData(25, 6, 1, 1, "preparation")]
    [InlineData(1, 0, 1, 1, "dosing sessions")]
    [InlineData(1, -3, 1, 1, "dosing sessions")]
    [InlineData(1, 25, 1, 1, "dosing sessions")]
    [InlineData(1, 6, 0, 1, "after each dosing session")]
    [InlineData(1, 6, 6, 1, "after each dosing session")]
    [InlineData(1, 6, -1, 1, "after each dosing session")]
    [InlineData(1, 6, 1, 0, "after the series")]
    [InlineData(1, 6, 1, 25, "after the series")]
    [InlineData(1, 6, 1, -1, "after the series")]
    public void A_count_out_of_bounds_is_refused_with_one_problem_naming_it(int preparation, int dosing, int perDose, int after, string names)
    {
        var result = new CoursePlan(preparation, dosing, perDose, after).Validate();

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(names, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_count_out_of_bounds_is_reported_together()
    {
        var result = new CoursePlan(0, 25, 6, 0).Validate();

        Assert.False(result.IsSuccess);
        Assert.Equal(4, result.Problems.Count);
    }

    [Fact]
    public void The_ceiling_for_each_kind_of_session_is_24()
    {
        Assert.Equal(24, CoursePlan.MaxSessionsOfAKind);
    }
}
