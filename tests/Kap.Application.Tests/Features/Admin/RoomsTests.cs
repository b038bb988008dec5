using Kap.Application.Common.Results;
using Kap.Application.Features.Admin.Rooms;
using Kap.Application.Features.Scheduling.GetRooms;
using Kap.Application.Tests.Infrastructure;

namespace Kap.Application.Tests.Features.Admin;

public sealed class RoomsTests : ClinicTest
{
    [Fact]
    public async Task An_admin_adds_rooms_and_takes_one_out_of_use_for_new_bookings()
    {
        _clinic.AsAdmin();
        var sage = (await _app.SendAsync(new AddRoomCommand(" Sage room "))).Value;
        await _app.SendAsync(new AddRoomCommand("Cedar room"));

        var duplicate = await _app.SendAsync(new AddRoomCommand("Sage room"));
        Assert.Contains("Name", duplicate.Error!.Fields!.Keys);

        Assert.True((await _app.SendAsync(new SetRoomActiveCommand(sage, false))).IsSuccess);
        Assert.Equal([("Cedar room", true), ("Sage room", false)], (await _app.SendAsync(new GetAllRoomsQuery())).Value.Select(r => (r.Name, r.IsActive)));

        _clinic.AsTherapistA();
        Assert.Equal(["Cedar room"], (await _app.SendAsync(new GetRoomsQuery())).Value.Select(r => r.Name));
    }

    [Fact]
    public async Task Only_an_admin_manages_rooms()
    {
        _clinic.AsTherapistA();

        var result = await _app.SendAsync(new AddRoomCommand("Sage room"));

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
