using Kap.Application.Common.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Notifications;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Email: SMTP via MailKit when Smtp:Host is set, otherwise the development pickup folder; invitations go
    /// through whichever it is. The choice is made once, from configuration at composition time, so a running
    /// instance never switches channel half-way.
    /// </summary>
    public static IServiceCollection AddKapEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SmtpOptions.Section);
        services.AddOptions<SmtpOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>());
        // Normally registered by AddApplication; repeated so the senders also resolve when composed on their own.
        services.TryAddSingleton(TimeProvider.System);

        if (!string.IsNullOrWhiteSpace(section[nameof(SmtpOptions.Host)]))
        {
            services.AddSingleton<IEmailSender, MailKitEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }

        services.AddSingleton<IInvitationSender, InvitationEmailSender>();
        services.AddSingleton<ISmsSender, NoSmsSender>();
        return services;
    }
}
