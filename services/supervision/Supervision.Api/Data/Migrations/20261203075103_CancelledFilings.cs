using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CancelledFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "filing_cancelled_at",
                table: "retaliation_flags",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "inspections",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "filing_cancelled_at",
                table: "retaliation_flags");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "inspections");
        }
    }
}
