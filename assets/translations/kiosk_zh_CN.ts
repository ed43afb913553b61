<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AttractScreen</name>
    <message>
        <source>Please take your card</source>
        <translation>请取走您的社保卡</translation>
    </message>
    <message>
        <source>Thank you. Your session has ended.</source>
        <translation>感谢使用，本次服务已结束。</translation>
    </message>
    <message>
        <source>Please insert your social security card</source>
        <translation>请插入您的社会保障卡</translation>
    </message>
    <message>
        <source>Insert it into the card slot with the chip facing up.</source>
        <translation>请将芯片朝上，插入读卡口。</translation>
    </message>
    <message>
        <source>No card with you?</source>
        <translation>没有带社保卡？</translation>
    </message>
    <message>
        <source>Report a lost or stolen card</source>
        <translation>社保卡挂失（丢失或被盗）</translation>
    </message>
    <message>
        <source>Voucher / reissue progress</source>
        <translation>领卡凭证 / 补卡进度查询</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <source>Social Security Card Self-Service</source>
        <translation>社会保障卡自助服务</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <source>Change language to {language}</source>
        <translation>切换语言为{language}</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>大字模式</translation>
    </message>
</context>
<context>
    <name>IdleOverlay</name>
    <message>
        <source>To protect your information, this session will end in {seconds} seconds.</source>
        <translation>为保护您的个人信息，本次服务将在 {seconds} 秒后结束。</translation>
    </message>
    <message>
        <source>Do you need more time?</source>
        <translation>您还需要更多时间吗？</translation>
    </message>
    <message>
        <source>Yes, I need more time</source>
        <translation>需要，继续办理</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>End the session</source>
        <translation>结束本次服务</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>{count} of {total} digits entered</source>
        <translation>已输入 {count} 位，共 {total} 位</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Clear all digits</source>
        <translation>清空已输入的数字</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Confirm PIN</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>PIN keypad</source>
        <translation>密码键盘</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>密码错误。仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Only 1 try left: one more wrong PIN will block your card.</source>
        <translation>仅剩 1 次机会，再输错一次，社保卡密码将被锁定。</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} tries left.</source>
        <translation>密码错误，剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>You have {n} tries.</source>
        <translation>剩余 {n} 次机会。</translation>
    </message>
    <message>
        <source>Enter your card PIN</source>
        <translation>请输入社保卡密码</translation>
    </message>
    <message>
        <source>Type the 6-digit PIN of your social security card, then press OK.</source>
        <translation>请输入 6 位数字密码，然后按“确认”。</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>正在验证密码，请稍候…</translation>
    </message>
    <message>
        <source>Forgot your PIN? A counter can reset it when you show your ID card.</source>
        <translation>忘记密码？请携带身份证到服务窗口重置。</translation>
    </message>
</context>
<context>
    <name>ProblemScreen</name>
    <message>
        <source>What to do now</source>
        <translation>请按以下步骤办理</translation>
    </message>
    <message>
        <source>Social security hotline: 12333</source>
        <translation>社保服务热线：12333</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Take the card out.</source>
        <translation>请取出社保卡。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card.</source>
        <translation>请携带本卡和身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>Your card could not be read</source>
        <translation>无法读取您的社保卡</translation>
    </message>
    <message>
        <source>The kiosk could not read the chip on this card.</source>
        <translation>本机未能读取这张卡的芯片信息。</translation>
    </message>
    <message>
        <source>Check that the chip is clean and not scratched.</source>
        <translation>检查芯片是否干净、有无划痕。</translation>
    </message>
    <message>
        <source>Insert it again with the chip facing up.</source>
        <translation>将芯片朝上，重新插入。</translation>
    </message>
    <message>
        <source>If it still cannot be read, a counter can help you.</source>
        <translation>如仍无法读取，请到服务窗口办理。</translation>
    </message>
    <message>
        <source>This is not a social security card</source>
        <translation>这不是社会保障卡</translation>
    </message>
    <message>
        <source>The card in the slot is another kind of chip card, such as a bank card.</source>
        <translation>插入的是其他芯片卡，例如银行卡。</translation>
    </message>
    <message>
        <source>Insert your social security card with the chip facing up.</source>
        <translation>请将社保卡芯片朝上插入。</translation>
    </message>
    <message>
        <source>This card cannot be read at this kiosk</source>
        <translation>本机暂不支持读取这张卡</translation>
    </message>
    <message>
        <source>Your card is a newer type that this kiosk cannot read. The card is fine.</source>
        <translation>您的社保卡是新版卡，本机暂时无法读取。卡片本身没有问题。</translation>
    </message>
    <message>
        <source>A counter can show you your records. Bring your ID card.</source>
        <translation>如需查询个人权益记录，请携带身份证到服务窗口办理。</translation>
    </message>
    <message>
        <source>We have no record of this card</source>
        <translation>系统中没有这张卡的记录</translation>
    </message>
    <message>
        <source>The social security system does not know this card. It may not have been activated yet.</source>
        <translation>社会保障信息系统中查不到这张卡，可能尚未启用。</translation>
    </message>
    <message>
        <source>This card has expired</source>
        <translation>这张卡已过有效期</translation>
    </message>
    <message>
        <source>This card expired on {date}.</source>
        <translation>这张卡的有效期已于 {date} 届满。</translation>
    </message>
    <message>
        <source>The validity period of this card has ended.</source>
        <translation>这张卡的有效期已届满。</translation>
    </message>
    <message>
        <source>Apply for a replacement card at a counter. Bring this card and your ID card.</source>
        <translation>请携带本卡和身份证，到服务窗口申请换卡。</translation>
    </message>
    <message>
        <source>This card is under a temporary loss report</source>
        <translation>这张卡已临时挂失</translation>
    </message>
    <message>
        <source>It was reported lost, so it is blocked for now to protect you.</source>
        <translation>为保护您的权益，临时挂失期间这张卡暂停使用。</translation>
    </message>
    <message>
        <source>If you have found your card, go to a counter with it and your ID card to cancel the loss report.</source>
        <translation>如卡片已找回，请携带本卡和身份证到服务窗口办理解挂。</translation>
    </message>
    <message>
        <source>This card has been reported lost</source>
        <translation>这张卡已挂失</translation>
    </message>
    <message>
        <source>A final loss report was made for this card, so it can no longer be used.</source>
        <translation>这张卡已正式挂失，不能再使用。</translation>
    </message>
    <message>
        <source>If you applied for a new card, collect it with your card receipt voucher.</source>
        <translation>如已申请补卡，请凭领卡凭证领取新卡。</translation>
    </message>
    <message>
        <source>For help, go to a counter with your ID card.</source>
        <translation>如需帮助，请携带身份证到服务窗口咨询。</translation>
    </message>
    <message>
        <source>This card has been cancelled</source>
        <translation>这张卡已注销</translation>
    </message>
    <message>
        <source>This card can no longer be used.</source>
        <translation>这张卡不能再使用。</translation>
    </message>
    <message>
        <source>To get a new card, go to a counter with your ID card.</source>
        <translation>如需办理新卡，请携带身份证到服务窗口申请。</translation>
    </message>
    <message>
        <source>Your card&apos;s PIN is blocked</source>
        <translation>社保卡密码已锁定</translation>
    </message>
    <message>
        <source>The PIN was entered wrongly too many times, so the card has locked it to protect you. No more tries are possible.</source>
        <translation>密码输错次数过多，为保护您的权益，卡片已锁定密码，不能再尝试。</translation>
    </message>
    <message>
        <source>Go to a counter with this card and your ID card to unblock it.</source>
        <translation>请携带本卡和身份证到服务窗口办理密码解锁。</translation>
    </message>
    <message>
        <source>Your records cannot be reached right now</source>
        <translation>暂时无法查询您的记录</translation>
    </message>
    <message>
        <source>The kiosk cannot connect to the social security system at the moment. Your card is fine.</source>
        <translation>本机暂时无法连接社会保障信息系统。您的社保卡没有问题。</translation>
    </message>
    <message>
        <source>Please try again later, or go to a counter.</source>
        <translation>请稍后再试，或到服务窗口办理。</translation>
    </message>
    <message>
        <source>The card reader is not working right now</source>
        <translation>读卡器暂时无法使用</translation>
    </message>
    <message>
        <source>Until it is repaired, this kiosk cannot read cards.</source>
        <translation>在修复之前，本机暂时无法读取社保卡。</translation>
    </message>
    <message>
        <source>Please use a counter, or try again later.</source>
        <translation>请到服务窗口办理，或稍后再试。</translation>
    </message>
</context>
<context>
    <name>ReadingScreen</name>
    <message>
        <source>Reading your card…</source>
        <translation>正在读取社保卡…</translation>
    </message>
    <message>
        <source>Please do not remove your card.</source>
        <translation>读卡过程中请勿拔出社保卡。</translation>
    </message>
</context>
<context>
    <name>RecordsScreen</name>
    <message>
        <source>Overview</source>
        <translation>参保概况</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>缴费记录</translation>
    </message>
    <message>
        <source>Work and skills</source>
        <translation>工作与技能</translation>
    </message>
    <message>
        <source>Work injury</source>
        <translation>工伤记录</translation>
    </message>
    <message>
        <source>Insurance status</source>
        <translation>参保状态</translation>
    </message>
    <message>
        <source>Work history</source>
        <translation>工作经历</translation>
    </message>
    <message>
        <source>Qualifications</source>
        <translation>职业资格</translation>
    </message>
    <message>
        <source>Work injury and occupational disease assessments</source>
        <translation>工伤认定与职业病鉴定</translation>
    </message>
    <message>
        <source>Amounts in yuan</source>
        <translation>金额单位：元</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Earlier year</source>
        <translation>上一年度</translation>
    </message>
    <message>
        <source>Later year</source>
        <translation>下一年度</translation>
    </message>
    <message>
        <source>Contributions by month</source>
        <translation>逐月缴费记录</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Employer</source>
        <translation>缴费单位</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>缴费基数</translation>
    </message>
    <message>
        <source>Employer part</source>
        <translation>单位缴纳</translation>
    </message>
    <message>
        <source>Personal part</source>
        <translation>个人缴纳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>缴费状态</translation>
    </message>
    <message>
        <source>ID number {ssn}</source>
        <translation>身份证号 {ssn}</translation>
    </message>
    <message>
        <source>Not insured</source>
        <translation>未参保</translation>
    </message>
    <message>
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <source>Since {date}</source>
        <translation>自 {date} 起</translation>
    </message>
    <message>
        <source>Pension personal account</source>
        <translation>养老保险个人账户</translation>
    </message>
    <message>
        <source>Medical personal account</source>
        <translation>医疗保险个人账户</translation>
    </message>
    <message>
        <source>No account on record.</source>
        <translation>暂无账户记录。</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>账户余额</translation>
    </message>
    <message>
        <source>Credited in {year}</source>
        <translation>{year}记入</translation>
    </message>
    <message>
        <source>Paid out in {year}</source>
        <translation>{year}支出</translation>
    </message>
    <message>
        <source>As of {date}</source>
        <translation>截至 {date}</translation>
    </message>
    <message>
        <source>No contributions on record.</source>
        <translation>暂无缴费记录。</translation>
    </message>
    <message>
        <source>Loading the contributions…</source>
        <translation>正在查询缴费记录…</translation>
    </message>
    <message>
        <source>Months paid: {paid}</source>
        <translation>已缴 {paid} 个月</translation>
    </message>
    <message>
        <source>Months paid: {paid} · Months owed: {owed}</source>
        <translation>已缴 {paid} 个月 · 欠缴 {owed} 个月</translation>
    </message>
    <message>
        <source>No contributions in this year.</source>
        <translation>本年度无缴费记录。</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已缴</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>欠缴</translation>
    </message>
    <message>
        <source>No work history on record.</source>
        <translation>暂无工作经历记录。</translation>
    </message>
    <message>
        <source>present</source>
        <translation>至今</translation>
    </message>
    <message>
        <source>No qualifications on record.</source>
        <translation>暂无职业资格记录。</translation>
    </message>
    <message>
        <source>Certificate no. {number}</source>
        <translation>证书编号：{number}</translation>
    </message>
    <message>
        <source>Issued on {date} by {issuer}</source>
        <translation>{date} 由{issuer}颁发</translation>
    </message>
    <message>
        <source>No work injury or occupational disease records.</source>
        <translation>暂无工伤认定或职业病鉴定记录。</translation>
    </message>
    <message>
        <source>Work injury assessment</source>
        <translation>工伤认定</translation>
    </message>
    <message>
        <source>Occupational disease assessment</source>
        <translation>职业病鉴定</translation>
    </message>
    <message>
        <source>Assessed on {date}</source>
        <translation>认定日期：{date}</translation>
    </message>
    <message>
        <source>Pension insurance</source>
        <translation>养老保险</translation>
    </message>
    <message>
        <source>Medical insurance</source>
        <translation>医疗保险</translation>
    </message>
    <message>
        <source>Unemployment insurance</source>
        <translation>失业保险</translation>
    </message>
    <message>
        <source>Work injury insurance</source>
        <translation>工伤保险</translation>
    </message>
    <message>
        <source>Maternity insurance</source>
        <translation>生育保险</translation>
    </message>
    <message>
        <source>Insured</source>
        <translation>正常参保</translation>
    </message>
    <message>
        <source>Contributions paused</source>
        <translation>暂停缴费</translation>
    </message>
    <message>
        <source>Receiving benefits</source>
        <translation>领取待遇</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>终止参保</translation>
    </message>
    <message>
        <source>No disability grade</source>
        <translation>未达伤残等级</translation>
    </message>
    <message>
        <source>Disability grade {grade}</source>
        <translation>伤残等级：{grade}级</translation>
    </message>
</context>
<context>
    <name>StatusStrip</name>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Out of paper</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Paper low</source>
        <translation>纸将用完</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>检测中</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务系统</translation>
    </message>
</context>
<context>
    <name>StepBar</name>
    <message>
        <source>Your card</source>
        <translation>卡片信息</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>输入密码</translation>
    </message>
    <message>
        <source>Your records</source>
        <translation>查看记录</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>Step {n} of {total}: {step}</source>
        <translation>第 {n} 步，共 {total} 步：{step}</translation>
    </message>
</context>
<context>
    <name>SummaryScreen</name>
    <message>
        <source>Please wait…</source>
        <translation>请稍候…</translation>
    </message>
    <message>
        <source>View my records</source>
        <translation>查看个人权益记录</translation>
    </message>
    <message>
        <source>Card status: {status}</source>
        <translation>卡片状态：{status}</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Temporary loss report</source>
        <translation>临时挂失</translation>
    </message>
    <message>
        <source>Reported lost</source>
        <translation>已挂失</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Replaced by a new card</source>
        <translation>已换新卡</translation>
    </message>
    <message>
        <source>Not on record</source>
        <translation>无记录</translation>
    </message>
    <message>
        <source>Your social security card</source>
        <translation>您的社会保障卡</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Social security number</source>
        <translation>社会保障号码</translation>
    </message>
    <message>
        <source>Card number</source>
        <translation>卡号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发卡日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Next, you will enter your card&apos;s 6-digit PIN.</source>
        <translation>下一步需要输入 6 位社保卡密码。</translation>
    </message>
    <message>
        <source>Please take your card with you when you are done.</source>
        <translation>办理完毕后，请记得取走社保卡。</translation>
    </message>
</context>
</TS>
