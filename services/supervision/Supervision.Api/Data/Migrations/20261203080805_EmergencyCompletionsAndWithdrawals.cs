using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmergencyCompletionsAndWithdrawals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "emergency",
                table: "inspections",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "withdrawn_at",
                table: "emergencies",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "emergency",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "withdrawn_at",
                table: "emergencies");
        }
    }
}
