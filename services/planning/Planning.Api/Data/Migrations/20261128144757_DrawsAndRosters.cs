using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DrawsAndRosters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "inspectors",
                table: "agencies",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "draws",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    seed = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    algorithm_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    pool_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    pool = table.Column<List<string>>(type: "text[]", nullable: false),
                    enterprises = table.Column<List<string>>(type: "text[]", nullable: false),
                    inspectors = table.Column<string>(type: "jsonb", nullable: false),
                    roster = table.Column<string>(type: "jsonb", nullable: false),
                    recusals = table.Column<string>(type: "jsonb", nullable: false),
                    drawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    drawn_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_draws", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "draws");

            migrationBuilder.DropColumn(
                name: "inspectors",
                table: "agencies");
        }
    }
}
