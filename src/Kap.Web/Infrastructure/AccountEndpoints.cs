using Kap.Application.Common.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Kap.Web.Infrastructure;

internal static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form post with a valid antiforgery token: signing out by GET, or from another site, would let any page sign a user out.
        endpoints.MapPost("/account/logout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<KapUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login?signedOut=true");
        }).DisableAntiforgery();

        // Reached by the portal itself when a patient has been idle too long (IdleWatch). A GET, because the circuit
        // navigates here; signing out is all it does, so a forged link can at worst sign someone out.
        endpoints.MapGet("/account/idle-signout", async (HttpContext http, SignInManager<KapUser> signIn, IdleSessions idle) =>
        {
            idle.Forget(http.User);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login?idle=true");
        }).AllowAnonymous();
        return endpoints;
    }
}
