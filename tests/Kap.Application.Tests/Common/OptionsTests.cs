using Kap.Application.Common.Options;
using Kap.Application.Features.Measures.GetDueMeasures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Kap.Application.Tests.Common;

public sealed class OptionsTests
{
    [Fact]
    public void Configured_follow_up_months_replace_the_defaults_rather_than_add_to_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:FollowUpMonthsAfterCourse:0"] = "2",
        }).Build();

        var options = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>()!;

        Assert.Equal([2], options.ToSettings().FollowUpMonthsAfterCourse);
    }

    [Fact]
    public void The_shipped_settings_give_the_domain_defaults()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(path).Build();

        var reminders = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>()!.ToSettings();
        var scheduling = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>()!;

        Assert.Equal([1, 3], reminders.FollowUpMonthsAfterCourse);
        Assert.Equal(72, reminders.DosingPreparationHoursBefore);
        Assert.Equal(new TimeOnly(21, 0), reminders.QuietHoursStart);
        Assert.Equal(48, scheduling.MinimumDosingIntervalHours);
        Assert.Equal(12, (configuration.GetSection(MeasureScheduleOptions.Section).Get<MeasureScheduleOptions>() ?? new MeasureScheduleOptions()).MadrsRemissionThreshold);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("13")]
    public void A_madrs_remission_threshold_outside_10_to_12_is_refused_at_start_up(string threshold)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Measures:MadrsRemissionThreshold"] = threshold,
        }).Build();
        using var services = new ServiceCollection().AddApplication(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<MeasureScheduleOptions>>().CurrentValue);

        Assert.Contains("MadrsRemissionThreshold", error.Message, StringComparison.Ordinal);
    }
}
