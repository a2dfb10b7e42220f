using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Supervision.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnterprisesLeaveThePark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                table: "enterprises",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "left_reason",
                table: "enterprises",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "left_on",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "left_reason",
                table: "enterprises");
        }
    }
}
