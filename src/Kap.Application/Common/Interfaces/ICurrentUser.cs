using System.Security.Claims;

namespace Kap.Application.Common.Interfaces;

/// <summary>The signed-in user of the current request or Blazor circuit.</summary>
public interface ICurrentUser
{
    ValueTask<ClaimsPrincipal> GetPrincipalAsync();
}
