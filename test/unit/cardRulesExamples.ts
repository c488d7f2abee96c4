/** The four example cards of cards.md (§6–§9), copied verbatim: the emulator must accept what the reference shows. */
export const REFERENCE_FILE = '/work/shared/reference/cards.md';

/** Example A — batch result summary. */
export const EXAMPLE_A = {
  "schema": "2.0",
  "config": {
    "update_multi": true,
    "width_mode": "fill",
    "summary": {
      "content": "批量开启「出差」: 47 成功 / 3 失败"
    }
  },
  "header": {
    "title": {
      "tag": "plain_text",
      "content": "批量开启系统状态 · 出差"
    },
    "subtitle": {
      "tag": "plain_text",
      "content": "Run r_20250901_0007 · until 2025-09-30 23:59"
    },
    "template": "orange",
    "text_tag_list": [
      {
        "tag": "text_tag",
        "text": {
          "tag": "plain_text",
          "content": "部分失败"
        },
        "color": "orange"
      }
    ]
  },
  "body": {
    "elements": [
      {
        "tag": "column_set",
        "flex_mode": "bisect",
        "horizontal_spacing": "small",
        "columns": [
          {
            "tag": "column",
            "width": "weighted",
            "weight": 1,
            "elements": [
              {
                "tag": "markdown",
                "content": "**成功**\n<font color='green'>47</font>",
                "text_align": "center"
              }
            ]
          },
          {
            "tag": "column",
            "width": "weighted",
            "weight": 1,
            "elements": [
              {
                "tag": "markdown",
                "content": "**失败**\n<font color='red'>3</font>",
                "text_align": "center"
              }
            ]
          }
        ]
      },
      {
        "tag": "markdown",
        "content": "- 已展示 success_show: **44**\n- 用户关闭同步 success_user_close_syn: **2**\n- 更高优先级状态 success_user_in_higher_priority_system_status: **1**\n- 失败 fail / invalid / invisible / resign: **3**\n\n操作人: <at id=ou_5f4e3d2c1b0a99887766554433221100></at>"
      },
      {
        "tag": "hr"
      },
      {
        "tag": "table",
        "element_id": "failed_rows",
        "page_size": 5,
        "row_height": "low",
        "header_style": {
          "text_color": "grey",
          "background_style": "grey",
          "bold": true
        },
        "columns": [
          {
            "name": "user",
            "display_name": "用户",
            "data_type": "persons",
            "width": "auto"
          },
          {
            "name": "result",
            "display_name": "结果",
            "data_type": "options",
            "width": "auto"
          },
          {
            "name": "hint",
            "display_name": "说明",
            "data_type": "text",
            "width": "auto"
          }
        ],
        "rows": [
          {
            "user": "ou_7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4",
            "result": [
              {
                "text": "resign_user_id",
                "color": "red"
              }
            ],
            "hint": "已离职"
          },
          {
            "user": "ou_0a1b2c3d4e5f60718293a4b5c6d7e8f9",
            "result": [
              {
                "text": "invalid_user_id",
                "color": "red"
              }
            ],
            "hint": "ID 无效"
          },
          {
            "user": "ou_1b2c3d4e5f60718293a4b5c6d7e8f90a",
            "result": [
              {
                "text": "fail",
                "color": "orange"
              }
            ],
            "hint": "可重试"
          }
        ]
      },
      {
        "tag": "column_set",
        "flex_mode": "flow",
        "horizontal_spacing": "small",
        "columns": [
          {
            "tag": "column",
            "width": "auto",
            "elements": [
              {
                "tag": "button",
                "element_id": "btn_retry",
                "type": "primary",
                "text": {
                  "tag": "plain_text",
                  "content": "重试失败项 (1)"
                },
                "behaviors": [
                  {
                    "type": "callback",
                    "value": {
                      "op": "retry_failed",
                      "run_id": "r_20250901_0007"
                    }
                  }
                ]
              }
            ]
          },
          {
            "tag": "column",
            "width": "auto",
            "elements": [
              {
                "tag": "button",
                "element_id": "btn_undo",
                "type": "danger",
                "text": {
                  "tag": "plain_text",
                  "content": "撤销 (关闭 47 人的状态)"
                },
                "confirm": {
                  "title": {
                    "tag": "plain_text",
                    "content": "确认撤销?"
                  },
                  "text": {
                    "tag": "plain_text",
                    "content": "将对 47 位成功用户调用 batch_close。"
                  }
                },
                "behaviors": [
                  {
                    "type": "callback",
                    "value": {
                      "op": "undo",
                      "run_id": "r_20250901_0007"
                    }
                  }
                ]
              }
            ]
          },
          {
            "tag": "column",
            "width": "auto",
            "elements": [
              {
                "tag": "button",
                "element_id": "btn_export",
                "type": "default",
                "text": {
                  "tag": "plain_text",
                  "content": "导出 CSV"
                },
                "behaviors": [
                  {
                    "type": "callback",
                    "value": {
                      "op": "export_csv",
                      "run_id": "r_20250901_0007"
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
    ]
  }
};

/** Example B — OKR summary. */
export const EXAMPLE_B = {
  "schema": "2.0",
  "config": {
    "update_multi": true,
    "width_mode": "fill",
    "summary": {
      "content": "王五 · 2025 年 7 月 - 9 月 OKR"
    }
  },
  "header": {
    "title": {
      "tag": "plain_text",
      "content": "OKR · 王五"
    },
    "subtitle": {
      "tag": "plain_text",
      "content": "2025 年 7 月 - 9 月 · 已确认"
    },
    "template": "blue",
    "text_tag_list": [
      {
        "tag": "text_tag",
        "text": {
          "tag": "plain_text",
          "content": "2 个目标"
        },
        "color": "blue"
      }
    ]
  },
  "body": {
    "elements": [
      {
        "tag": "person_list",
        "persons": [
          {
            "id": "ou_6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"
          }
        ],
        "show_name": true,
        "show_avatar": true,
        "size": "small"
      },
      {
        "tag": "chart",
        "aspect_ratio": "2:1",
        "chart_spec": {
          "type": "linearProgress",
          "data": {
            "values": [
              {
                "obj": "O1 上线状态机器人",
                "value": 0.65
              },
              {
                "obj": "O2 降低人工操作",
                "value": 0.3
              }
            ]
          },
          "direction": "horizontal",
          "xField": "value",
          "yField": "obj",
          "seriesField": "obj"
        }
      },
      {
        "tag": "collapsible_panel",
        "expanded": true,
        "header": {
          "title": {
            "tag": "markdown",
            "content": "**O1 上线状态机器人** · 得分 0.70 · 权重 60%"
          }
        },
        "elements": [
          {
            "tag": "markdown",
            "content": "1. KR1 每日批量开启 500 人 — 进度 80% · 得分 0.80 · <font color='green'>正常</font>\n2. KR2 错误率 < 1% — 进度 50% · 得分 0.60 · <font color='orange'>有风险</font>"
          }
        ]
      },
      {
        "tag": "collapsible_panel",
        "expanded": false,
        "header": {
          "title": {
            "tag": "markdown",
            "content": "**O2 降低人工操作** · 得分 0.30 · 权重 40%"
          }
        },
        "elements": [
          {
            "tag": "markdown",
            "content": "1. KR1 门禁名单自动导出 — 进度 30% · 得分 0.30 · <font color='red'>已延期</font>"
          }
        ]
      },
      {
        "tag": "hr"
      },
      {
        "tag": "markdown",
        "content": "数据来源: OKR v1 `users/:user_id/okrs` · 得分按 0–100 折算为 0–1",
        "text_size": "notation"
      }
    ]
  }
};

/** Example C — paginated list. */
export const EXAMPLE_C = {
  "schema": "2.0",
  "config": {
    "update_multi": true,
    "width_mode": "fill"
  },
  "header": {
    "title": {
      "tag": "plain_text",
      "content": "门禁用户列表"
    },
    "subtitle": {
      "tag": "plain_text",
      "content": "第 2 页 · 每页 50 人"
    },
    "template": "indigo"
  },
  "body": {
    "elements": [
      {
        "tag": "table",
        "page_size": 10,
        "row_height": "low",
        "freeze_first_column": true,
        "columns": [
          {
            "name": "user",
            "display_name": "用户",
            "data_type": "persons"
          },
          {
            "name": "card",
            "display_name": "卡号",
            "data_type": "number",
            "format": {
              "precision": 0,
              "separator": false
            }
          },
          {
            "name": "face",
            "display_name": "人脸",
            "data_type": "options"
          }
        ],
        "rows": [
          {
            "user": "ou_11aa22bb33cc44dd55ee66ff77889900",
            "card": 100234,
            "face": [
              {
                "text": "已上传",
                "color": "green"
              }
            ]
          },
          {
            "user": "ou_22bb33cc44dd55ee66ff778899001122",
            "card": 100235,
            "face": [
              {
                "text": "未上传",
                "color": "neutral"
              }
            ]
          }
        ]
      },
      {
        "tag": "column_set",
        "flex_mode": "none",
        "horizontal_align": "right",
        "columns": [
          {
            "tag": "column",
            "width": "auto",
            "elements": [
              {
                "tag": "button",
                "type": "default",
                "size": "small",
                "text": {
                  "tag": "plain_text",
                  "content": "上一页"
                },
                "behaviors": [
                  {
                    "type": "callback",
                    "value": {
                      "op": "acs_page",
                      "dir": "prev",
                      "list_id": "l_8f2c",
                      "page": 1
                    }
                  }
                ]
              }
            ]
          },
          {
            "tag": "column",
            "width": "auto",
            "elements": [
              {
                "tag": "button",
                "type": "primary",
                "size": "small",
                "text": {
                  "tag": "plain_text",
                  "content": "下一页"
                },
                "behaviors": [
                  {
                    "type": "callback",
                    "value": {
                      "op": "acs_page",
                      "dir": "next",
                      "list_id": "l_8f2c",
                      "page": 3
                    }
                  }
                ]
              }
            ]
          }
        ]
      }
    ]
  }
};

/** Example D — minimal form. */
export const EXAMPLE_D = {
  "schema": "2.0",
  "header": {
    "title": {
      "tag": "plain_text",
      "content": "批量开启系统状态"
    },
    "template": "wathet"
  },
  "body": {
    "elements": [
      {
        "tag": "form",
        "name": "status_form",
        "elements": [
          {
            "tag": "input",
            "name": "status_name",
            "required": true,
            "label": {
              "tag": "plain_text",
              "content": "状态名"
            },
            "placeholder": {
              "tag": "plain_text",
              "content": "例如 出差"
            },
            "max_length": 20
          },
          {
            "tag": "input",
            "name": "end_date",
            "required": true,
            "label": {
              "tag": "plain_text",
              "content": "结束日期"
            },
            "placeholder": {
              "tag": "plain_text",
              "content": "YYYY-MM-DD"
            }
          },
          {
            "tag": "button",
            "name": "submit_btn",
            "type": "primary_filled",
            "form_action_type": "submit",
            "text": {
              "tag": "plain_text",
              "content": "提交"
            },
            "behaviors": [
              {
                "type": "callback",
                "value": {
                  "op": "status_form_submit"
                }
              }
            ]
          }
        ]
      }
    ]
  }
};

export const EXAMPLES = { A: EXAMPLE_A, B: EXAMPLE_B, C: EXAMPLE_C, D: EXAMPLE_D };
