using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Notifications;
using Kap.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Kap.Application.Tests.Notifications;

public sealed class AddKapEmailTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "kap-tests", "email-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(_root));
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        services.AddKapEmail(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void With_a_host_email_goes_over_SMTP()
    {
        using var sp = Build(new() { ["Smtp:Host"] = "smtp.clinic.example", ["Smtp:FromAddress"] = "kap@clinic.example" });

        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<MailKitEmailSender>(sp.GetRequiredService<IEmailSender>());
        Assert.IsType<InvitationEmailSender>(sp.GetRequiredService<IInvitationSender>());
        var options = sp.GetRequiredService<IOptions<SmtpOptions>>().Value;
        Assert.Equal(587, options.Port);
        Assert.Equal(SmtpSecurity.StartTls, options.Security);
        Assert.Equal("Kap", options.FromName);
        Assert.Equal(30, options.TimeoutSeconds);
    }

    [Fact]
    public void Without_a_host_email_goes_to_the_pickup_folder()
    {
        using var sp = Build(new() { ["Smtp:Host"] = "" });

        sp.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<PickupFolderEmailSender>(sp.GetRequiredService<IEmailSender>());
        Assert.IsType<InvitationEmailSender>(sp.GetRequiredService<IInvitationSender>());
    }

    [Fact]
    public void A_host_without_a_sender_address_fails_validation_naming_the_setting()
    {
        using var sp = Build(new() { ["Smtp:Host"] = "smtp.clinic.example" });

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Smtp:FromAddress is required when Smtp:Host is set", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_a_host_but_no_sender_address()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Smtp:Host"] = "smtp.clinic.example", ["Smtp:Port"] = "465" });
        builder.Services.AddKapEmail(builder.Configuration);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Smtp:FromAddress is required", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Smtp:FromAddress", "not an address", "is not an email address")]
    [InlineData("Smtp:Port", "0", "Smtp:Port must be between 1 and 65535")]
    [InlineData("Smtp:TimeoutSeconds", "0", "Smtp:TimeoutSeconds must be between 1 and 600")]
    [InlineData("Smtp:Password", "secret", "Smtp:Password is set but Smtp:UserName is empty")]
    public void Other_mistakes_fail_validation_with_their_message(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?> { ["Smtp:Host"] = "smtp.clinic.example", ["Smtp:FromAddress"] = "kap@clinic.example" };
        settings[key] = value;
        using var sp = Build(settings);

        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_host_an_invitation_lands_in_the_pickup_folder_with_its_link()
    {
        using var sp = Build(new() { ["Database:DataDirectory"] = "App_Data" });
        var link = new Uri("http://kap.test/account/invitation?token=abc");

        await sp.GetRequiredService<IInvitationSender>().SendAsync("riley.chen@example.org", "Riley Chen", link, TestContext.Current.CancellationToken);

        var mail = MimeMessage.Load(Assert.Single(Directory.GetFiles(Path.Combine(_root, "App_Data", "mail-pickup"))));
        Assert.Equal("Your Kap sign-in invitation", mail.Subject);
        Assert.Equal("riley.chen@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Riley Chen", Assert.Single(mail.To.Mailboxes).Name);
        Assert.Contains("Hello Riley Chen,", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Choose your password here:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(link.ToString(), mail.TextBody, StringComparison.Ordinal);
    }
}
