using Kap.Application.Common.Interfaces;

namespace Kap.Infrastructure.Notifications;

/// <summary>The stand-in until a clinic chooses an SMS provider.</summary>
public sealed class NoSmsSender : ISmsSender
{
    public bool IsConfigured => false;

    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken) =>
        throw new NotSupportedException("No SMS provider is configured.");
}
