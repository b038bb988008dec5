using Kap.Application.Common.Options;
using Microsoft.Extensions.Configuration;

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
    }
}
