using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

public sealed class InstrumentCatalogTests
{
    [Theory]
    [InlineData(Instrument.Phq9, 9, 0, 3, 0, 27)]
    [InlineData(Instrument.Gad7, 7, 0, 3, 0, 21)]
    [InlineData(Instrument.Pcl5, 20, 0, 4, 0, 80)]
    [InlineData(Instrument.Madrs, 10, 0, 6, 0, 60)]
    public void Scale_instruments_have_the_published_item_count_item_range_and_total_range(
        Instrument instrument, int items, int min, int max, int minTotal, int maxTotal)
    {
        var definition = InstrumentCatalog.Get(instrument);

        Assert.Equal(instrument, definition.Instrument);
        Assert.Equal(items, definition.ItemCount);
        Assert.Equal(ResponseKind.Scale, definition.ResponseKind);
        Assert.All(definition.Items, item =>
        {
            Assert.Equal(min, item.Min);
            Assert.Equal(max, item.Max);
            Assert.Equal(Enumerable.Range(min, max - min + 1), item.Options.Select(o => o.Value));
            Assert.Null(item.AskedWhen);
            Assert.False(string.IsNullOrWhiteSpace(item.Text));
        });
        Assert.Equal(Enumerable.Range(1, items), definition.Items.Select(i => i.Number));
        Assert.Equal(minTotal, definition.MinTotal);
        Assert.Equal(maxTotal, definition.MaxTotal);
        Assert.Equal(items * max, maxTotal);
        Assert.Equal(definition.Items.Count, definition.Items.Select(i => i.Text).Distinct().Count());
    }

    [Fact]
    public void The_catalog_holds_every_instrument_once_and_stored_numbers_never_move()
    {
        Assert.Equal(Enum.GetValues<Instrument>(), InstrumentCatalog.All.Select(d => d.Instrument));
        Assert.Equal(0, (int)Instrument.Phq9);
        Assert.Equal(1, (int)Instrument.Gad7);
        Assert.Equal(2, (int)Instrument.Pcl5);
        Assert.Equal(3, (int)Instrument.Madrs);
        Assert.Equal(4, (int)Instrument.CssrsScreener);
        Assert.Equal(5, (int)Instrument.NextDayCheckIn);
        Assert.All(InstrumentCatalog.All, d => Assert.False(string.IsNullOrWhiteSpace(d.Source)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentCatalog.Get((Instrument)99));
    }

    [Fact]
    public void Only_the_madrs_is_clinician_rated()
    {
        Assert.Equal(Respondent.ClinicianRated, InstrumentCatalog.Madrs.CompletedBy);
        Assert.All(InstrumentCatalog.All.Where(d => d.Instrument != Instrument.Madrs), d => Assert.Equal(Respondent.SelfReport, d.CompletedBy));
    }

    [Fact]
    public void Every_instrument_is_well_formed_items_numbered_in_order_options_spanning_each_items_range_and_skip_logic_pointing_back()
    {
        foreach (var definition in InstrumentCatalog.All)
        {
            Assert.Equal(Enumerable.Range(1, definition.ItemCount), definition.Items.Select(i => i.Number));
            Assert.All(definition.Items, item =>
            {
                Assert.Equal(Enumerable.Range(item.Min, item.Max - item.Min + 1), item.Options.Select(o => o.Value));
                Assert.All(item.Options, o => Assert.False(string.IsNullOrWhiteSpace(o.Label)));
                Assert.False(string.IsNullOrWhiteSpace(item.Text));
                Assert.False(string.IsNullOrWhiteSpace(item.RecallPeriod));
                Assert.True(item.AskedWhen is null || item.AskedWhen.ItemNumber < item.Number, $"{definition.ShortName} item {item.Number} depends on a later item");
            });
            Assert.True(definition.ResponseKind == ResponseKind.Mixed
                ? definition.ResponseOptions.Count == 0
                : definition.Items.All(i => i.Options.SequenceEqual(definition.ResponseOptions)), definition.ShortName);
            Assert.Equal(definition.MinTotal is null, definition.MaxTotal is null);
            Assert.True(definition.MaxTotal is null || definition.MaxTotal == definition.Items.Sum(i => i.Max), definition.ShortName);
            Assert.False(string.IsNullOrWhiteSpace(definition.Instrument.Describe()));
        }
    }

    [Fact]
    public void Phq9_and_gad7_ask_about_the_last_2_weeks_with_the_four_frequency_answers()
    {
        foreach (var definition in new[] { InstrumentCatalog.Phq9, InstrumentCatalog.Gad7 })
        {
            Assert.StartsWith("Over the last 2 weeks", definition.Instructions, StringComparison.Ordinal);
            Assert.Equal("Over the last 2 weeks", definition.RecallPeriod);
            Assert.Equal(["Not at all", "Several days", "More than half the days", "Nearly every day"], definition.ResponseOptions.Select(o => o.Label));
        }

        Assert.Equal("Thoughts that you would be better off dead or of hurting yourself in some way", InstrumentCatalog.Phq9.Item(9).Text);
        Assert.Equal("Little interest or pleasure in doing things", InstrumentCatalog.Phq9.Item(1).Text);
        Assert.Equal("Feeling nervous, anxious, or on edge", InstrumentCatalog.Gad7.Item(1).Text);
    }

    [Fact]
    public void Pcl5_asks_about_the_past_month_with_its_five_answers()
    {
        var pcl5 = InstrumentCatalog.Pcl5;

        Assert.Contains("in the past month", pcl5.Instructions, StringComparison.Ordinal);
        Assert.Equal("In the past month", pcl5.RecallPeriod);
        Assert.Equal(["Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely"], pcl5.ResponseOptions.Select(o => o.Label));
        Assert.Equal("Repeated, disturbing, and unwanted memories of the stressful experience?", pcl5.Item(1).Text);
        Assert.Equal("Trouble falling or staying asleep?", pcl5.Item(20).Text);
    }

    [Fact]
    public void Madrs_items_are_the_ten_item_names_rated_0_to_6()
    {
        Assert.Equal(
            ["Apparent sadness", "Reported sadness", "Inner tension", "Reduced sleep", "Reduced appetite", "Concentration difficulties", "Lassitude", "Inability to feel", "Pessimistic thoughts", "Suicidal thoughts"],
            InstrumentCatalog.Madrs.Items.Select(i => i.Text));
    }

    [Fact]
    public void Cssrs_screener_has_six_yes_no_questions_and_the_past_3_months_follow_up_with_their_recall_periods()
    {
        var cssrs = InstrumentCatalog.CssrsScreener;

        Assert.Equal(7, cssrs.ItemCount);
        Assert.Equal(ResponseKind.YesNo, cssrs.ResponseKind);
        Assert.Null(cssrs.MinTotal);
        Assert.Null(cssrs.MaxTotal);
        Assert.All(cssrs.Items, item =>
        {
            Assert.Equal(0, item.Min);
            Assert.Equal(1, item.Max);
            Assert.Equal(["No", "Yes"], item.Options.Select(o => o.Label));
        });
        Assert.Equal(["Past month", "Past month", "Past month", "Past month", "Past month", "Lifetime", "Past 3 months"], cssrs.Items.Select(i => i.RecallPeriod));
        Assert.Equal("Have you wished you were dead or wished you could go to sleep and not wake up?", cssrs.Item(1).Text);
        Assert.Equal("Have you actually had any thoughts of killing yourself?", cssrs.Item(2).Text);
        Assert.StartsWith("Have you ever done anything, started to do anything, or prepared to do anything to end your life?", cssrs.Item(6).Text, StringComparison.Ordinal);
        Assert.Equal("Was this within the past 3 months?", cssrs.Item(7).Text);
        Assert.Equal("6 (past 3 months)", cssrs.Item(7).Label);
    }

    [Fact]
    public void Cssrs_skip_logic_is_data_q3_to_q5_after_q2_yes_and_the_follow_up_after_q6_yes()
    {
        var cssrs = InstrumentCatalog.CssrsScreener;

        Assert.Null(cssrs.Item(1).AskedWhen);
        Assert.Null(cssrs.Item(2).AskedWhen);
        Assert.Equal(new ItemCondition(2, 1), cssrs.Item(3).AskedWhen);
        Assert.Equal(new ItemCondition(2, 1), cssrs.Item(4).AskedWhen);
        Assert.Equal(new ItemCondition(2, 1), cssrs.Item(5).AskedWhen);
        Assert.Null(cssrs.Item(6).AskedWhen);
        Assert.Equal(new ItemCondition(6, 1), cssrs.Item(7).AskedWhen);

        int?[] q2No = [0, 0, null, null, null, null, null];
        int?[] q2Yes = [0, 1, null, null, null, null, null];
        int?[] q6Yes = [0, 0, null, null, null, 1, null];
        Assert.True(cssrs.IsAsked(1, q2No));
        Assert.True(cssrs.IsAsked(6, q2No));
        Assert.False(cssrs.IsAsked(3, q2No));
        Assert.True(cssrs.IsAsked(3, q2Yes));
        Assert.True(cssrs.IsAsked(5, q2Yes));
        Assert.False(cssrs.IsAsked(7, q2No));
        Assert.True(cssrs.IsAsked(7, q6Yes));
    }

    [Fact]
    public void Bands_cover_every_possible_total_without_gaps_or_overlaps()
    {
        foreach (var definition in InstrumentCatalog.All.Where(d => d.Bands.Count > 0))
        {
            Assert.Equal(definition.MinTotal, definition.Bands[0].Min);
            Assert.Equal(definition.MaxTotal, definition.Bands[^1].Max);
            for (var i = 1; i < definition.Bands.Count; i++)
            {
                Assert.Equal(definition.Bands[i - 1].Max + 1, definition.Bands[i].Min);
                Assert.True(definition.Bands[i - 1].Band < definition.Bands[i].Band);
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentCatalog.Phq9.BandOf(28));
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentCatalog.Phq9.BandOf(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => InstrumentCatalog.Phq9.Item(10));
    }

    [Fact]
    public void Band_names_read_as_the_scoring_guides_write_them()
    {
        Assert.Equal("Moderately severe", SeverityBand.ModeratelySevere.Describe());
        Assert.Equal("Absent", SeverityBand.Absent.Describe());
        Assert.Equal("PHQ-9", Instrument.Phq9.Describe());
        Assert.Equal("C-SSRS screener", Instrument.CssrsScreener.Describe());
    }

    [Fact]
    public void Measure_settings_default_to_33_and_12_and_refuse_values_outside_domain_md()
    {
        Assert.Equal(33, MeasureSettings.Default.Pcl5ProbablePtsdCutOff);
        Assert.Equal(12, MeasureSettings.Default.MadrsRemissionThreshold);
        Assert.True(MeasureSettings.Default.Validate().IsSuccess);
        Assert.True(new MeasureSettings(31, 10).Validate().IsSuccess);

        var bad = new MeasureSettings(30, 13).Validate();
        Assert.False(bad.IsSuccess);
        Assert.Equal(2, bad.Problems.Count);
        Assert.Contains("PCL-5", bad.Problems[0], StringComparison.Ordinal);
        Assert.Contains("MADRS", bad.Problems[1], StringComparison.Ordinal);
        Assert.False(new MeasureSettings(34, 12).Validate().IsSuccess);
        Assert.False(new MeasureSettings(33, 9).Validate().IsSuccess);
    }
}
