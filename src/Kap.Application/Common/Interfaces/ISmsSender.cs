namespace Kap.Application.Common.Interfaces;

/// <summary>
/// Text messages. No provider is wired in yet: <see cref="IsConfigured"/> is false and SMS reminders are
/// recorded as undeliverable (the patient still gets the in-app copy). A provider implements this.
/// </summary>
public interface ISmsSender
{
    bool IsConfigured { get; }

    Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken);
}
