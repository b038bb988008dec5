using Bunit;
using Kap.Domain.Measures;
using Kap.Web.Components.Pages.Measures;
using Kap.Web.Tests.Infrastructure;
using MudBlazor;

namespace Kap.Web.Tests.Components.Pages.Measures;

/// <summary>The outcome chart's data (score line, baseline and band edges as reference lines) and its table alternative.</summary>
public sealed class MeasureTrendChartTests : KapComponentTest
{
    private static readonly DateTime T0 = new(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);

    private static TakenMeasure Phq9(int day, int total) =>
        new(T0.AddDays(day), true, total, InstrumentCatalog.Phq9.Bands.Single(b => b.Contains(total)).Band);

    private static InstrumentTrend Trend() => MeasureTrends.Build(Instrument.Phq9,
        [Phq9(0, 16), Phq9(12, 11), Phq9(19, 8), Phq9(26, 4)],
        [T0.AddDays(7), T0.AddDays(9), T0.AddDays(11), T0.AddDays(14), T0.AddDays(16), T0.AddDays(18)]);

    [Fact]
    public void The_chart_plots_every_score_by_date_with_the_baseline_and_each_band_edge_as_flat_lines()
    {
        var cut = Render<MeasureTrendChart>(p => p.Add(c => c.Trend, Trend()));
        var chart = cut.Instance;

        Assert.Equal(["1 Sep", "13 Sep", "20 Sep", "27 Sep"], chart.Labels);
        Assert.Equal(["PHQ-9", "Baseline 16", "Mild from 5", "Moderate from 10", "Moderately severe from 15", "Severe from 20"], chart.Series.Select(s => s.Name));
        Assert.Equal([16d, 11d, 8d, 4d], chart.Series[0].Data.Values);
        Assert.All(chart.Series[1].Data.Values, v => Assert.Equal(16d, v));
        Assert.All(chart.Series[3].Data.Values, v => Assert.Equal(10d, v));
        Assert.Equal(4, chart.Series[3].Data.Count);
        Assert.NotNull(cut.FindComponent<MudChart<double>>());
    }

    [Fact]
    public void By_dose_the_chart_shows_the_latest_score_after_each_dose_number()
    {
        var cut = Render<MeasureTrendChart>(p => p.Add(c => c.Trend, Trend()));
        cut.FindAll("button").Single(b => b.TextContent.Contains("By dose")).Click();

        Assert.Equal(["Before dosing", "After dose 3", "After dose 6"], cut.Instance.Labels);
        Assert.Equal([16d, 11d, 4d], cut.Instance.Series[0].Data.Values);
    }

    [Fact]
    public void The_table_alternative_lists_every_score_with_its_dose_band_change_response_and_remission()
    {
        var cut = Render<MeasureTrendChart>(p => p.Add(c => c.Trend, Trend()));

        var table = cut.Find("[data-testid=trend-table]");
        Assert.Contains("PHQ-9 scores, oldest first. Baseline 16 on 1 Sep 2026.", table.QuerySelector("caption")!.TextContent);
        Assert.Equal(["Date", "After dose", "Score", "Band", "Change from baseline", "Response", "Remission"],
            table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["1 Sep 2026 (baseline)", "Before dosing", "16", "Moderately severe", "—", "—", "Not met"], rows[0]);
        Assert.Equal(["20 Sep 2026", "Dose 6", "8", "Mild", "−8", "Met", "Not met"], rows[2]);
        Assert.Equal(["27 Sep 2026", "Dose 6", "4", "Minimal", "−12", "Met", "Met"], rows[3]);

        Assert.Contains("Response reached 20 Sep 2026 (8)", cut.Find("[data-testid=response-reached]").TextContent);
        Assert.Contains("Remission reached 27 Sep 2026 (4)", cut.Find("[data-testid=remission-reached]").TextContent);
        Assert.Contains("Baseline 16 → latest 4 (minimal), −12.", cut.Find("[data-testid=trend-status]").TextContent);
        Assert.Equal("PHQ-9 chart: 4 scores from a baseline of 16; latest 4 (Minimal) on 27 Sep 2026. The table below lists every score.",
            cut.Find("[role=img]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Without_a_baseline_the_chart_says_response_cannot_be_judged()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9, [Phq9(10, 9)], [T0.AddDays(1)]);
        var cut = Render<MeasureTrendChart>(p => p.Add(c => c.Trend, trend));

        Assert.Contains("No valid baseline score, so response cannot be judged.", cut.Find("[data-testid=trend-status]").TextContent);
        Assert.Contains("Baseline not recorded", cut.Find("caption").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["PHQ-9", "Mild from 5", "Moderate from 10", "Moderately severe from 15", "Severe from 20"], cut.Instance.Series.Select(s => s.Name));
        Assert.Empty(cut.FindAll("[data-testid=response-reached]"));
    }
}
