using System.Globalization;
using System.Text;
using Kap.Application.Common.Interfaces;
using Kap.Infrastructure.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Notifications;

/// <summary>
/// Until email delivery exists, invitations are written as .eml files to a pickup folder under the data
/// directory. The log names the file, never the recipient.
/// </summary>
internal sealed class PickupFolderInvitationSender(
    IOptions<DatabaseOptions> database,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<PickupFolderInvitationSender> logger) : IInvitationSender
{
    public async Task SendAsync(string email, string displayName, Uri link, CancellationToken cancellationToken)
    {
        var root = database.Value.DataDirectory;
        var folder = Path.Combine(Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root), "mail-pickup");
        Directory.CreateDirectory(folder);
        var now = clock.GetUtcNow();
        var file = Path.Combine(folder, $"{now:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
        var body = new StringBuilder()
            .Append("To: ").Append(email).Append("\r\n")
            .Append("Subject: Your Kap sign-in invitation\r\n")
            .Append("Date: ").Append(now.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Content-Type: text/plain; charset=utf-8\r\n\r\n")
            .Append("Hello ").Append(displayName).Append(",\r\n\r\n")
            .Append("Your clinic has created a Kap account for you. Choose your password here:\r\n")
            .Append(link).Append("\r\n\r\nThe link works once and expires in a few days.\r\n");
        await File.WriteAllTextAsync(file, body.ToString(), cancellationToken);
        logger.LogInformation("Invitation written to the pickup folder: {File}", file);
    }
}
