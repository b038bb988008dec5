namespace Kap.Application.Common.Interfaces;

/// <summary>A plain-text email. Subjects never carry clinical detail (no diagnoses, no drug names).</summary>
public sealed record EmailMessage(string To, string? ToName, string Subject, string TextBody);

/// <summary>
/// Sends email: over SMTP (MailKit) when Smtp:Host is configured, otherwise into the development pickup
/// folder as .eml files. Throws when delivery fails, so the caller can record the error and retry.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
