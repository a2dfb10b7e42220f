using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class RepairUpgradeDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Databases created before these defaults: lists that are not JSON arrays, and
            // enterprises registered before revisions were counted (registration is revision 1).
            migrationBuilder.Sql("UPDATE agencies SET inspectors = '[]'::jsonb WHERE jsonb_typeof(inspectors) <> 'array';");
            migrationBuilder.Sql("UPDATE enterprises SET revision = 1 WHERE revision < 1;");

            migrationBuilder.AlterColumn<int>(
                name: "revision",
                table: "enterprises",
                type: "integer",
                nullable: false,
                defaultValue: 1,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<List<string>>(
                name: "pinned_visits",
                table: "consolidation_runs",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]",
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AlterColumn<string>(
                name: "inspectors",
                table: "agencies",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb",
                oldClrType: typeof(string),
                oldType: "jsonb");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "revision",
                table: "enterprises",
                type: "integer",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer",
                oldDefaultValue: 1);

            migrationBuilder.AlterColumn<List<string>>(
                name: "pinned_visits",
                table: "consolidation_runs",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldDefaultValueSql: "'{}'::text[]");

            migrationBuilder.AlterColumn<string>(
                name: "inspectors",
                table: "agencies",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldDefaultValueSql: "'[]'::jsonb");
        }
    }
}
