using System.Text;
using Kap.Application.Common.Interfaces;

namespace Kap.Infrastructure.Notifications;

/// <summary>
/// Words the sign-in invitation and hands it to <see cref="IEmailSender"/>: SMTP when Smtp:Host is set,
/// otherwise the pickup folder. The subject and body say nothing clinical.
/// </summary>
public sealed class InvitationEmailSender(IEmailSender sender) : IInvitationSender
{
    public const string Subject = "Your Kap sign-in invitation";

    public Task SendAsync(string email, string displayName, Uri link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        var body = new StringBuilder()
            .Append("Hello ").Append(displayName).Append(",\r\n\r\n")
            .Append("Your clinic has created a Kap account for you. Choose your password here:\r\n")
            .Append(link).Append("\r\n\r\nThe link works once and expires in a few days.\r\n");
        return sender.SendAsync(new EmailMessage(email, displayName, Subject, body.ToString()), cancellationToken);
    }
}
