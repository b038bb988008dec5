using System.Security.Cryptography;
using System.Text;
using Kap.Application.Common.Identity;
using Kap.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Kap.Infrastructure.Identity;

/// <summary>
/// Identity's EF store, except that recovery codes are kept as SHA-256 hashes (OWASP ASVS 2.6.2: lookup secrets are
/// stored hashed). Identity keeps them in clear text; a stolen database would otherwise hold every staff member's
/// second factor. The codes are 50-bit random values, so an unsalted fast hash is enough to make them useless to a thief.
/// </summary>
public sealed class KapUserStore(KapDbContext context, IdentityErrorDescriber? describer = null)
    : UserStore<KapUser, IdentityRole<Guid>, KapDbContext, Guid>(context, describer)
{
    private const string InternalLoginProvider = "[AspNetUserStore]";
    private const string RecoveryCodeTokenName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(KapUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(KapUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, InternalLoginProvider, RecoveryCodeTokenName, cancellationToken) ?? "";
        var hashes = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var hash = Hash(code);
        if (!hashes.Remove(hash))
        {
            return false;
        }

        // Straight to the base: the remaining entries are hashes already.
        await base.ReplaceCodesAsync(user, hashes, cancellationToken);
        return true;
    }

    /// <summary>Codes are compared as typed on a phone: case, spaces and the hyphen do not matter.</summary>
    internal static string Hash(string code)
    {
        var normalized = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }
}
