using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QueryIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_LegalName",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_RegisteredBy",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Courses_PatientId",
                table: "Courses");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_LegalName_PreferredName_Id",
                table: "Patients",
                columns: new[] { "LegalName", "PreferredName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_RegisteredAtUtc",
                table: "Patients",
                column: "RegisteredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_RegisteredBy_RegisteredAtUtc",
                table: "Patients",
                columns: new[] { "RegisteredBy", "RegisteredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Courses_PatientId_Phase",
                table: "Courses",
                columns: new[] { "PatientId", "Phase" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_LegalName_PreferredName_Id",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_RegisteredAtUtc",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Patients_RegisteredBy_RegisteredAtUtc",
                table: "Patients");

            migrationBuilder.DropIndex(
                name: "IX_Courses_PatientId_Phase",
                table: "Courses");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_LegalName",
                table: "Patients",
                column: "LegalName");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_RegisteredBy",
                table: "Patients",
                column: "RegisteredBy");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_PatientId",
                table: "Courses",
                column: "PatientId");
        }
    }
}
